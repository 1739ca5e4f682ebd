namespace EsgTrace.Epcis;

/// <summary>
/// An EPCIS query schedule (standard section 8.2.5.3): each field a comma-separated list of numbers and [a-b] ranges,
/// matched against the time in UTC; an omitted (null) field matches every value.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-query-schedule")]
public sealed record EpcisQuerySchedule(string? Second, string? Minute, string? Hour, string? DayOfMonth, string? Month, string? DayOfWeek);
