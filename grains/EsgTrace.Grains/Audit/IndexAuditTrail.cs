using System.Text.Json;
using EsgTrace.Storage;
using EsgTrace.Time;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Audit;

/// <summary>
/// <see cref="IAuditTrail"/> on the index store: partition = UTC day, key = the instant in a fixed-width sortable form plus a
/// random suffix, added create-only so no record is ever overwritten.
/// </summary>
public sealed class IndexAuditTrail(IIndexStore index) : IAuditTrail
{
    public const string IndexName = "audit";
    private static readonly InstantPattern KeyPattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffff'Z'");
    private static readonly LocalDatePattern DayPattern = LocalDatePattern.Iso;

    public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        var day = DayPattern.Format(record.At.InUtc().Date);
        var key = KeyPattern.Format(record.At) + "-" + Guid.NewGuid().ToString("N")[..8];
        return index.AddAsync(IndexName, day, key, JsonSerializer.SerializeToUtf8Bytes(record, EsgJson.Options), cancellationToken);
    }

    public async Task<AuditPage> ReadDayAsync(LocalDate day, string? afterKey, int pageSize, CancellationToken cancellationToken = default)
    {
        var page = await index.ScanAsync(IndexName, DayPattern.Format(day), afterKey, null, pageSize, cancellationToken);
        var records = page.Entries.Select(e => JsonSerializer.Deserialize<AuditRecord>(e.Value.Span, EsgJson.Options)!).ToList();
        return new AuditPage(records, page.NextAfterKey);
    }
}
