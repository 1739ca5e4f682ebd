namespace EsgTrace.Audit;

/// <summary>A page of audit records; <see cref="NextAfterKey"/> continues, null at the end.</summary>
[GenerateSerializer, Immutable, Alias("esg.audit-page")]
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, string? NextAfterKey);
