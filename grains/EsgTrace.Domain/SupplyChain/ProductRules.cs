using EsgTrace.Footprints;
using EsgTrace.Units;

namespace EsgTrace.SupplyChain;

/// <summary>Validation of product and batch input that needs no other record.</summary>
public static class ProductRules
{
    public const int MaxBomLines = 200;

    public static Validation Check(ProductInput input)
    {
        var v = new Validation()
            .Text(input.Name, "name", 200)
            .Text(input.DeclaredUnit, "declaredUnit", 50)
            .Check(input.Gtin is null || Gln.IsValidGtin(input.Gtin), "gtin", "'gtin' must be a GTIN-8, -12, -13 or -14 with a valid check digit.")
            .Check(input.Bom.Count is >= 1 and <= MaxBomLines, "bom", $"A bill of materials has 1 to {MaxBomLines} lines.");
        for (var i = 0; i < Math.Min(input.Bom.Count, MaxBomLines); i++)
        {
            var line = input.Bom[i];
            var field = $"bom[{i}]";
            v.Check(line.Quantity > 0, field + ".quantity", "Quantities must be greater than zero.");
            var unit = Unit.FromSymbol(line.Unit);
            if (unit is null)
            {
                v.Add(field + ".unit", $"Unknown unit '{line.Unit}'. Known units: {Unit.KnownSymbols}.");
            }
            else if (line.Kind == BomLineKind.Material)
            {
                v.Check(unit.Dimension == Dimension.Mass, field + ".unit", $"Material '{line.Ref}' is measured in a mass unit (g, kg, t, lb), not {unit.Symbol}.");
                v.Text(line.Ref, field + ".ref", 100);
            }
            else
            {
                v.Check(unit.Dimension == Dimension.Count, field + ".unit", $"Sub-product '{line.Ref}' is counted in pieces, not {unit.Symbol}.");
                v.Id(line.Ref, field + ".ref");
            }
        }

        if (input.ProcessEnergy is not null || input.ProcessEnergyUnit is not null)
        {
            v.Check(input.ProcessEnergy is >= 0, "processEnergy", "'processEnergy' is zero or more.");
            v.Check(Unit.FromSymbol(input.ProcessEnergyUnit) is { Dimension: Dimension.Energy }, "processEnergyUnit", "'processEnergyUnit' is one of Wh, kWh, MWh, MJ.");
            v.Check(!string.IsNullOrWhiteSpace(input.GridFactorId), "gridFactorId", "Process energy needs the grid factor of where the product is made (e.g. grid.IN).");
        }

        return v;
    }

    public static Validation Check(BatchInput input)
    {
        var v = new Validation()
            .Id(input.ProductId, "productId")
            .Check(input.InputLotIds.Count is >= 1 and <= 500, "inputLotIds", "A batch uses 1 to 500 input lots.")
            .Check(input.InputLotIds.All(Validation.IsId) && input.InputLotIds.Distinct().Count() == input.InputLotIds.Count, "inputLotIds", "Input lot ids must be valid ids, each listed once.")
            .Check(input.Quantity > 0, "quantity", "'quantity' (declared units produced) must be greater than zero.")
            .Text(input.Site, "site", 200, required: false);
        var masses = input.LotUses is not null || input.OutputMass is not null || input.LossMass is not null;
        if (!masses)
        {
            return v;
        }

        v.Check(Unit.FromSymbol(input.MassUnit) is { Dimension: Dimension.Mass }, "massUnit", "Masses of a batch need 'massUnit': one of g, kg, t, lb.");
        v.Check(input.OutputMass is null or > 0, "outputMass", "'outputMass' is greater than zero.");
        v.Check(input.LossMass is null or >= 0, "lossMass", "'lossMass' is zero or more.");
        if (input.LotUses is { } uses)
        {
            v.Check(uses.Count == input.InputLotIds.Count && uses.Select(u => u.LotId).Order(StringComparer.Ordinal).SequenceEqual(input.InputLotIds.Order(StringComparer.Ordinal)), "lotUses", "'lotUses' names each lot of 'inputLotIds' once.");
            v.Check(uses.All(u => u.Mass > 0), "lotUses", "Each lot's mass used is greater than zero.");
            var input_ = uses.Sum(u => u.Mass);
            v.Check((input.OutputMass ?? 0) + (input.LossMass ?? 0) <= input_, "outputMass", $"Output and losses ({Numbers.Plain((input.OutputMass ?? 0) + (input.LossMass ?? 0))} {input.MassUnit}) cannot exceed what went in ({Numbers.Plain(input_)} {input.MassUnit}).");
        }

        return v;
    }
}
