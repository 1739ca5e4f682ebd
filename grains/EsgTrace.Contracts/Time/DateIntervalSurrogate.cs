using NodaTime;

namespace EsgTrace.Time;

/// <summary>Carries a <see cref="DateInterval"/> (both ends inclusive) across grain calls.</summary>
[GenerateSerializer, Immutable, Alias("esg.dateinterval")]
public readonly record struct DateIntervalSurrogate([property: Id(0)] LocalDateSurrogate Start, [property: Id(1)] LocalDateSurrogate End);

[RegisterConverter]
public sealed class DateIntervalSurrogateConverter : IConverter<DateInterval, DateIntervalSurrogate>
{
    private static readonly LocalDateSurrogateConverter Dates = new();

    public DateInterval ConvertFromSurrogate(in DateIntervalSurrogate surrogate)
        => new(Dates.ConvertFromSurrogate(surrogate.Start), Dates.ConvertFromSurrogate(surrogate.End));

    public DateIntervalSurrogate ConvertToSurrogate(in DateInterval value)
        => new(Dates.ConvertToSurrogate(value.Start), Dates.ConvertToSurrogate(value.End));
}
