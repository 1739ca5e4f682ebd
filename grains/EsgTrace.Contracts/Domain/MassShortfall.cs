namespace EsgTrace.Domain;

/// <summary>A movement would take more of a lot from a location than is there: the figures a refusal states.</summary>
[GenerateSerializer, Immutable, Alias("esg.mass-shortfall")]
public sealed record MassShortfall(string LotId, decimal LotMassKg, string Location, decimal AvailableKg, decimal RequestedKg, decimal AlreadyTakenKg)
{
    /// <summary>The refusal in words: the lot, its mass, what is already taken from the location, what this would take.</summary>
    public string Describe(string what) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"Lot {LotId} holds {Units.Numbers.Plain(LotMassKg)} kg; at '{Location}' {Units.Numbers.Plain(AlreadyTakenKg)} kg of it are already shipped on or consumed and {Units.Numbers.Plain(AvailableKg)} kg remain, but this {what} takes {Units.Numbers.Plain(RequestedKg)} kg.");
}
