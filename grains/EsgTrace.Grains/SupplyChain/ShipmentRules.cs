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
        return v;
    }

    public static decimal Km(ShipmentInput input) => Quantity.Of(input.Distance, input.DistanceUnit).To(Unit.Kilometre).Value;

    public static decimal Tonnes(ShipmentInput input) => Quantity.Of(input.Mass, input.MassUnit).To(Unit.Tonne).Value;
}
