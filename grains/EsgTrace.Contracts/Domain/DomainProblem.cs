namespace EsgTrace.Domain;

/// <summary>
/// Why a command was refused, in the terms the API turns into RFC 9457 problem details. A refused command changed nothing.
/// <see cref="Shortfall"/> carries the figures of a mass-balance refusal.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.problem")]
public sealed record DomainProblem(ProblemKind Kind, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null, EsgTrace.Domain.MassShortfall? Shortfall = null)
{
    public static DomainProblem Invalid(string field, string message)
        => new(ProblemKind.Validation, "The request is invalid.", message, new Dictionary<string, string[]> { [field] = [message] });

    public static DomainProblem Invalid(IReadOnlyDictionary<string, string[]> errors)
        => new(ProblemKind.Validation, "The request is invalid.", string.Join(" ", errors.SelectMany(e => e.Value)), errors);
}

/// <summary>The class of a refusal: it decides the HTTP status.</summary>
public enum ProblemKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Unauthorized,

    /// <summary>A service the command depends on (such as the timestamp authority) did not answer; nothing changed, try again later.</summary>
    Unavailable,
}
