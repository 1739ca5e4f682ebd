using NodaTime;

namespace EsgTrace.Time;

/// <summary>Carries a NodaTime <see cref="LocalDate"/> (ISO calendar) across grain calls as year, month and day.</summary>
[GenerateSerializer, Immutable, Alias("esg.localdate")]
public readonly record struct LocalDateSurrogate([property: Id(0)] int Year, [property: Id(1)] int Month, [property: Id(2)] int Day);

[RegisterConverter]
public sealed class LocalDateSurrogateConverter : IConverter<LocalDate, LocalDateSurrogate>
{
    public LocalDate ConvertFromSurrogate(in LocalDateSurrogate surrogate) => new(surrogate.Year, surrogate.Month, surrogate.Day);

    public LocalDateSurrogate ConvertToSurrogate(in LocalDate value) => new(value.Year, value.Month, value.Day);
}
