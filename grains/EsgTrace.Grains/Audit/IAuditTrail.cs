using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Audit;

/// <summary>The append-only audit trail of every state change, kept in an index partitioned by UTC day.</summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// The record as a table write, to commit in one batch with the change it records. Keyed by <paramref name="idempotencyKey"/>
    /// (e.g. subject and event version) instead of a random suffix, so finishing an interrupted batch again writes the same
    /// record once, not twice; the record's own instant should then be the change's, not the time of the retry.
    /// </summary>
    TableWrite RecordWrite(AuditRecord record, string idempotencyKey);

    /// <summary>Records of one UTC day in time order, a page at a time.</summary>
    Task<AuditPage> ReadDayAsync(LocalDate day, string? afterKey, int pageSize, CancellationToken cancellationToken = default);
}
