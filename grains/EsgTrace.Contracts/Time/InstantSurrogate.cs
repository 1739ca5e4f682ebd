using NodaTime;

namespace EsgTrace.Time;

/// <summary>Carries a NodaTime <see cref="Instant"/> across grain calls: 100 ns ticks since the Unix epoch plus the 0-99 ns below them.</summary>
[GenerateSerializer, Immutable, Alias("esg.instant")]
public readonly record struct InstantSurrogate([property: Id(0)] long UnixTicks, [property: Id(1)] int Nanoseconds);

[RegisterConverter]
public sealed class InstantSurrogateConverter : IConverter<Instant, InstantSurrogate>
{
    public Instant ConvertFromSurrogate(in InstantSurrogate surrogate) => Instant.FromUnixTimeTicks(surrogate.UnixTicks).PlusNanoseconds(surrogate.Nanoseconds);

    public InstantSurrogate ConvertToSurrogate(in Instant value)
    {
        // ToUnixTimeTicks truncates towards the start of time, so the remainder is 0-99 ns.
        var ticks = value.ToUnixTimeTicks();
        return new InstantSurrogate(ticks, (int)(value - Instant.FromUnixTimeTicks(ticks)).ToInt64Nanoseconds());
    }
}
