using NodaTime;

namespace EsgTrace.Epcis.Query;

/// <summary>The event-level times a query compares (sensor times are <see cref="SensorFieldCriterion"/>s).</summary>
public enum EventTimeField
{
    EventTime,
    RecordTime,
    ErrorDeclarationTime,
}

/// <summary>EQ_/GT_/GE_/LT_/LE_ on eventTime, recordTime or errorDeclarationTime, compared as instants.</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-q-time")]
public sealed record TimeCriterion(EventTimeField Field, Comparison Op, Instant Value) : EpcisCriterion
{
    public override bool Matches(EpcisEventView e) => TimeOf(e) is { } t && Op.Holds(t.CompareTo(Value));

    private Instant? TimeOf(EpcisEventView e) => Field switch
    {
        EventTimeField.EventTime => e.EventTime,
        EventTimeField.RecordTime => e.RecordTime,
        _ => e.Json.TryGetProperty("errorDeclaration", out var d) && EpcisTerms.Text(d, "declarationTime") is { } text ? QueryValue.TimeOf(text) : null,
    };
}
