using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Storage;
using EsgTrace.Time;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Audit;

/// <summary>
/// <see cref="IAuditTrail"/> on the index store: partition = UTC day, key = the instant in a fixed-width sortable form plus a
/// random suffix, added create-only so no record is ever overwritten; or, written in a grain's atomic batch, a suffix derived
/// from the change it records, so the one record of that change is put again unchanged when the batch is finished again.
/// </summary>
public sealed class IndexAuditTrail(IIndexStore index) : IAuditTrail
{
    public const string IndexName = "audit";
    private static readonly InstantPattern KeyPattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffff'Z'");
    private static readonly LocalDatePattern DayPattern = LocalDatePattern.Iso;

    public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
        => index.AddAsync(IndexName, Day(record), KeyPattern.Format(record.At) + "-" + Guid.NewGuid().ToString("N")[..8], Json(record), cancellationToken);

    public TableWrite RecordWrite(AuditRecord record, string idempotencyKey)
    {
        // Same key, same content on every try: a put, so repeating it after an interrupted batch leaves one record.
        var suffix = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..8];
        return index.PutWrite(IndexName, Day(record), KeyPattern.Format(record.At) + "-" + suffix, Json(record));
    }

    private static string Day(AuditRecord record) => DayPattern.Format(record.At.InUtc().Date);

    /// <summary>
    /// Every record passes here on its way to storage, so text from outside (ids, names, reasons, partners' fields) is made
    /// one bounded line in one place, whoever built the record.
    /// </summary>
    private static byte[] Json(AuditRecord record) => JsonSerializer.SerializeToUtf8Bytes(Sanitised(record), EsgJson.Options);

    public static AuditRecord Sanitised(AuditRecord record) => record with
    {
        Actor = AuditText.Clean(record.Actor),
        Action = AuditText.Clean(record.Action),
        Subject = AuditText.Clean(record.Subject),
        Detail = AuditText.CleanOrNull(record.Detail),
    };

    public async Task<AuditPage> ReadDayAsync(LocalDate day, string? afterKey, int pageSize, CancellationToken cancellationToken = default)
    {
        var page = await index.ScanAsync(IndexName, DayPattern.Format(day), afterKey, null, pageSize, cancellationToken);
        var records = page.Entries.Select(e => JsonSerializer.Deserialize<AuditRecord>(e.Value.Span, EsgJson.Options)!).ToList();
        return new AuditPage(records, page.NextAfterKey);
    }
}
