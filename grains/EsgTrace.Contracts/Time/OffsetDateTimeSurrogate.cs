using NodaTime;

namespace EsgTrace.Time;

/// <summary>Carries an <see cref="OffsetDateTime"/> (an instant with the offset it was recorded at) across grain calls.</summary>
[GenerateSerializer, Immutable, Alias("esg.offsetdatetime")]
public readonly record struct OffsetDateTimeSurrogate([property: Id(0)] InstantSurrogate Instant, [property: Id(1)] int OffsetSeconds);

[RegisterConverter]
public sealed class OffsetDateTimeSurrogateConverter : IConverter<OffsetDateTime, OffsetDateTimeSurrogate>
{
    private static readonly InstantSurrogateConverter Instants = new();

    public OffsetDateTime ConvertFromSurrogate(in OffsetDateTimeSurrogate surrogate)
        => Instants.ConvertFromSurrogate(surrogate.Instant).WithOffset(Offset.FromSeconds(surrogate.OffsetSeconds));

    public OffsetDateTimeSurrogate ConvertToSurrogate(in OffsetDateTime value)
        => new(Instants.ConvertToSurrogate(value.ToInstant()), value.Offset.Seconds);
}
