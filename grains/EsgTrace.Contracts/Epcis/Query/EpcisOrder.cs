using System.Text.Json;

namespace EsgTrace.Epcis.Query;

/// <summary>
/// orderBy / orderDirection: eventTime, recordTime or a top-level extension field (numbers as numbers, date-times as
/// instants, strings by their UTF-16 code values, which order ASCII as the standard's code-value order does). Events that lack
/// the field come last in either direction; ties keep record order.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-order")]
public sealed record EpcisOrder(string By, ExtensionFieldName? Field, bool Descending)
{
    public const string EventTime = "eventTime";
    public const string RecordTime = "recordTime";

    /// <summary>A sortable key of the event: (kind, number, text); kind 0 = instant or number, 1 = string, 2 = missing.</summary>
    public (int Kind, decimal Number, string Text) KeyOf(EpcisEventView e)
    {
        if (By == EventTime)
        {
            return (0, e.EventTime.ToUnixTimeTicks(), string.Empty);
        }

        if (By == RecordTime)
        {
            return (0, e.RecordTime.ToUnixTimeTicks(), string.Empty);
        }

        if (ExtensionFieldCriterion.ValueOf(e, Field!) is not { } v)
        {
            return (2, 0, string.Empty);
        }

        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d))
        {
            return (0, d, string.Empty);
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            var s = v.GetString()!;
            return QueryValue.TimeOf(s) is { } t ? (0, t.ToUnixTimeTicks(), string.Empty)
                : QueryValue.NumberOf(s) is { } n ? (0, n, string.Empty)
                : (1, 0, s);
        }

        return (2, 0, string.Empty);
    }

    /// <summary>Compares two keys in this order's direction, missing values last.</summary>
    public int Compare((int Kind, decimal Number, string Text) a, (int Kind, decimal Number, string Text) b)
    {
        if (a.Kind != b.Kind)
        {
            return a.Kind.CompareTo(b.Kind);
        }

        var order = a.Kind == 0 ? a.Number.CompareTo(b.Number) : string.CompareOrdinal(a.Text, b.Text);
        return Descending ? -order : order;
    }
}
