using EsgTrace.Units;

namespace EsgTrace.SupplyChain;

/// <summary>Validation of shipment input that needs no other record.</summary>
public static class ShipmentRules
{
    public static Validation Check(ShipmentInput input)
    {
        var v = new Validation()
            .Check(input.LotIds.Count is >= 1 and <= 100, "lotIds", "A shipment moves 1 to 100 lots.")
            .Check(input.LotIds.All(Validation.IsId) && input.LotIds.Distinct().Count() == input.LotIds.Count, "lotIds", "Lot ids must be valid ids, each listed once.")
            .Text(input.From, "from", 200)
            .Text(input.To, "to", 200)
            .Check(Enum.IsDefined(input.Mode), "mode", "'mode' is one of road, rail, sea, air, inland-waterway.")
            .Check(input.Distance > 0, "distance", "'distance' must be greater than zero.")
            .Check(input.Mass > 0, "mass", "'mass' must be greater than zero.")
            .Check(input.DepartedAt != default, "departedAt", "'departedAt' is required, with its offset (e.g. 2026-03-02T08:00:00+05:30).")
            .Check(input.ArrivedAt != default, "arrivedAt", "'arrivedAt' is required, with its offset.")
            .Check(input.ArrivedAt.ToInstant() >= input.DepartedAt.ToInstant(), "arrivedAt", "The shipment cannot arrive before it left.");
        v.Check(Unit.FromSymbol(input.DistanceUnit) is { Dimension: Dimension.Distance }, "distanceUnit", "'distanceUnit' is one of km, m, mi, nmi.");
        v.Check(Unit.FromSymbol(input.MassUnit) is { Dimension: Dimension.Mass }, "massUnit", "'massUnit' is one of g, kg, t, lb.");
        if (input.LotMasses is { } split)
        {
            v.Check(split.Count == input.LotIds.Count && split.Select(l => l.LotId).Order(StringComparer.Ordinal).SequenceEqual(input.LotIds.Order(StringComparer.Ordinal)), "lotMasses", "'lotMasses' names each lot of 'lotIds' once.");
            v.Check(split.All(l => l.Mass > 0), "lotMasses", "Each lot's mass is greater than zero.");
            v.Check(split.Sum(l => l.Mass) == input.Mass, "lotMasses", "The lots' masses add up to the shipment's 'mass'.");
        }

        return v;
    }

    /// <summary>
    /// Kg of each lot the shipment carried: as split in <see cref="ShipmentInput.LotMasses"/>, the whole mass for one lot, or
    /// the mass shared in proportion to the lots' own masses (<paramref name="lotKg"/>).
    /// </summary>
    /// <summary>Whether <see cref="KgByLot"/> needs the lots' own masses: several lots and no split stated.</summary>
    public static bool NeedsLotMasses(ShipmentInput input) => input.LotMasses is null && input.LotIds.Count > 1;

    public static IReadOnlyDictionary<string, decimal> KgByLot(ShipmentInput input, Func<string, decimal> lotKg)
    {
        var kg = Quantity.Of(input.Mass, input.MassUnit).To(Unit.Kilogram).Value;
        if (input.LotMasses is { } split)
        {
            return split.ToDictionary(l => l.LotId, l => Quantity.Of(l.Mass, input.MassUnit).To(Unit.Kilogram).Value);
        }

        if (input.LotIds.Count == 1)
        {
            return new Dictionary<string, decimal> { [input.LotIds[0]] = kg };
        }

        var total = input.LotIds.Sum(lotKg);
        return input.LotIds.ToDictionary(l => l, l => total == 0 ? kg / input.LotIds.Count : kg * lotKg(l) / total);
    }

    public static decimal Km(ShipmentInput input) => Quantity.Of(input.Distance, input.DistanceUnit).To(Unit.Kilometre).Value;

    public static decimal Tonnes(ShipmentInput input) => Quantity.Of(input.Mass, input.MassUnit).To(Unit.Tonne).Value;
}
