using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// What one captured event may hold, checked when a document is captured, before anything is staged: the repository
/// keeps each event in one table row (at most 960 KiB on every backend), and an error declaration is merged into the row
/// of the event it corrects, so an event as stored takes at most half a row, with the document's namespace prefixes beside
/// it. Events over it are refused with EPCIS's CaptureLimitExceededException (413); an eventID longer than a table key can
/// hold is refused as invalid (400).
/// </summary>
public static class EpcisCaptureLimits
{
    /// <summary>Bytes of one event as stored (compact UTF-8 JSON with its recordTime).</summary>
    public const int MaxEventBytes = 448 * 1024;

    /// <summary>Bytes of the document's own namespace prefixes (its JSON-LD context beyond the standard ones).</summary>
    public const int MaxContextBytes = 16 * 1024;

    /// <summary>Characters of an eventID: it is the event's row key (table keys hold at most 512).</summary>
    public const int MaxEventIdLength = 400;

    private static readonly Instant LongestRecordTime = Instant.FromUtc(9999, 12, 31, 23, 59, 59).PlusNanoseconds(999_999_999);

    public static IReadOnlyList<EpcisProblem> Check(EpcisDocumentRead read)
    {
        var problems = new List<EpcisProblem>();
        var context = JsonSerializer.SerializeToUtf8Bytes(read.Context).Length;
        if (context > MaxContextBytes)
        {
            problems.Add(new EpcisProblem(EpcisProblem.CaptureLimitExceeded, "The document's context is too large.",
                string.Create(CultureInfo.InvariantCulture, $"The document declares {context:N0} bytes of namespace prefixes; at most {MaxContextBytes:N0} are kept with each event."), "/@context", 413));
        }

        foreach (var e in read.Events)
        {
            if (e.EventId.Length > MaxEventIdLength)
            {
                problems.Add(EpcisProblem.Invalid(string.Create(CultureInfo.InvariantCulture, $"Event {e.Index}: its eventID is {e.EventId.Length:N0} characters long; at most {MaxEventIdLength} are stored."), $"/epcisBody/eventList/{e.Index}/eventID"));
            }

            var size = EpcisEventJson.Stored(e, LongestRecordTime).Length;
            if (size > MaxEventBytes)
            {
                problems.Add(new EpcisProblem(EpcisProblem.CaptureLimitExceeded, "An event is too large.",
                    string.Create(CultureInfo.InvariantCulture, $"Event {e.Index} takes {size:N0} bytes as stored; one event holds at most {MaxEventBytes:N0} bytes. Nothing of the document was stored."), $"/epcisBody/eventList/{e.Index}", 413));
            }
        }

        // The size limit first: it is what the client must change, and it decides the status (413).
        return [.. problems.OrderByDescending(p => p.Status)];
    }
}
