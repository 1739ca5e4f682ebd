namespace EsgTrace.Units;

/// <summary>A unit of measure: its symbol, dimension and exact factor to the dimension's base unit (kg, kWh, km, piece, t·km).</summary>
[GenerateSerializer, Immutable, Alias("esg.unit")]
public sealed record Unit(string Symbol, Dimension Dimension, decimal ToBase)
{
    public static readonly Unit Gram = new("g", Dimension.Mass, 0.001m);
    public static readonly Unit Kilogram = new("kg", Dimension.Mass, 1m);
    public static readonly Unit Tonne = new("t", Dimension.Mass, 1000m);
    public static readonly Unit Pound = new("lb", Dimension.Mass, 0.45359237m); // exact, by the 1959 international agreement
    public static readonly Unit WattHour = new("Wh", Dimension.Energy, 0.001m);
    public static readonly Unit KilowattHour = new("kWh", Dimension.Energy, 1m);
    public static readonly Unit MegawattHour = new("MWh", Dimension.Energy, 1000m);
    public static readonly Unit Megajoule = new("MJ", Dimension.Energy, 1m / 3.6m);
    public static readonly Unit Kilometre = new("km", Dimension.Distance, 1m);
    public static readonly Unit Metre = new("m", Dimension.Distance, 0.001m);
    public static readonly Unit Mile = new("mi", Dimension.Distance, 1.609344m); // exact international mile
    public static readonly Unit NauticalMile = new("nmi", Dimension.Distance, 1.852m); // exact
    public static readonly Unit Piece = new("piece", Dimension.Count, 1m);
    public static readonly Unit TonneKilometre = new("t.km", Dimension.MassDistance, 1m);

    public static IReadOnlyList<Unit> All { get; } =
        [Gram, Kilogram, Tonne, Pound, WattHour, KilowattHour, MegawattHour, Megajoule, Kilometre, Metre, Mile, NauticalMile, Piece, TonneKilometre];

    /// <summary>The unit with this symbol (case-sensitive: "MWh" is not "mWh"), or null.</summary>
    public static Unit? FromSymbol(string? symbol) => All.FirstOrDefault(u => u.Symbol == symbol?.Trim());

    public static string KnownSymbols => string.Join(", ", All.Select(u => u.Symbol));

    public override string ToString() => Symbol;
}
