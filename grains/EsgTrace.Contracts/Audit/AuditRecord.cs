using NodaTime;

namespace EsgTrace.Audit;

/// <summary>One state change: who did what to which subject, and when.</summary>
[GenerateSerializer, Immutable, Alias("esg.audit-record")]
public sealed record AuditRecord(Instant At, string Actor, string Action, string Subject, string? Detail = null);
