using NodaTime;

namespace EsgTrace.Claims;

/// <summary>
/// One check of a claim against data: the verdict, the figures it compared and when. <see cref="Figures"/> and
/// <see cref="At"/> are null only for checks stored before they were kept.
/// </summary>
public sealed record ClaimCheck(ClaimEvaluation Evaluation, ClaimFigures? Figures, Instant? At);
