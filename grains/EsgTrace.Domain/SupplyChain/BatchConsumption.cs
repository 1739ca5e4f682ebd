using EsgTrace.MassBalance;
using EsgTrace.Footprints;
using EsgTrace.SupplyChain;
using EsgTrace.Units;

namespace EsgTrace.SupplyChain;

/// <summary>
/// How much of each input lot a batch consumed, in kg (pure): as declared in <see cref="BatchInput.LotUses"/>, else the
/// product's bill of materials × units made, each material line shared among the batch's lots of that material by their
/// mass (the same share the footprint gives them). A lot of a material the bill does not name consumes nothing.
/// </summary>
public static class BatchConsumption
{
    public static IReadOnlyDictionary<string, decimal> KgByLot(BatchInput batch, ProductInput product, IReadOnlyDictionary<string, LotInput> lots)
    {
        if (batch.LotUses is { } uses)
        {
            return uses.ToDictionary(u => u.LotId, u => Quantity.Of(u.Mass, batch.MassUnit!).To(Unit.Kilogram).Value, StringComparer.Ordinal);
        }

        var kg = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in product.Bom.Where(l => l.Kind == BomLineKind.Material))
        {
            var ofMaterial = batch.InputLotIds.Where(id => lots.TryGetValue(id, out var l) && string.Equals(l.Material, line.Ref, StringComparison.OrdinalIgnoreCase)).ToList();
            var total = ofMaterial.Sum(id => Kg(lots[id]));
            var needed = Quantity.Of(line.Quantity, line.Unit).To(Unit.Kilogram).Value * batch.Quantity;
            foreach (var id in ofMaterial)
            {
                kg[id] = (kg.TryGetValue(id, out var before) ? before : 0) + (total == 0 ? 0 : needed * Kg(lots[id]) / total);
            }
        }

        return kg;
    }

    private static decimal Kg(LotInput lot) => Quantity.Of(lot.Quantity, lot.Unit).To(Unit.Kilogram).Value;
}
