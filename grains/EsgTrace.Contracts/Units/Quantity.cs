using System.Globalization;

namespace EsgTrace.Units;

/// <summary>An amount with its unit. Arithmetic and comparison only across the same dimension, with explicit conversion.</summary>
[GenerateSerializer, Immutable, Alias("esg.quantity")]
public sealed record Quantity(decimal Value, Unit Unit)
{
    public Dimension Dimension => Unit.Dimension;

    /// <summary>The same amount in <paramref name="target"/>.</summary>
    /// <exception cref="UnitMismatchException">The units measure different things.</exception>
    public Quantity To(Unit target)
    {
        if (target.Dimension != Unit.Dimension)
        {
            throw new UnitMismatchException($"Cannot convert {this} ({Unit.Dimension.ToString().ToLowerInvariant()}) to {target.Symbol} ({target.Dimension.ToString().ToLowerInvariant()}).");
        }

        return target == Unit ? this : new Quantity(Value * Unit.ToBase / target.ToBase, target);
    }

    /// <summary>The value in the dimension's base unit (kg, kWh, km, piece, t·km).</summary>
    public decimal InBase => Value * Unit.ToBase;

    public static Quantity Of(decimal value, string symbol)
        => new(value, Unit.FromSymbol(symbol) ?? throw new UnitMismatchException($"Unknown unit '{symbol}'. Known units: {Unit.KnownSymbols}."));

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + " " + Unit.Symbol;
}
