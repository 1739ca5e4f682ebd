namespace EsgTrace.MassBalance;

/// <summary>A lot's mass at one location, in kg: produced there, received, shipped on, consumed by batches, and what remains.</summary>
[GenerateSerializer, Immutable, Alias("esg.location-balance")]
public sealed record LocationBalance(string Location, decimal ProducedKg, decimal ReceivedKg, decimal ShippedOnKg, decimal ConsumedKg)
{
    public decimal RemainingKg => ProducedKg + ReceivedKg - ShippedOnKg - ConsumedKg;
}
