using EsgTrace.Gs1;
using EsgTrace.Factors;
using EsgTrace.Units;

namespace EsgTrace.SupplyChain;

/// <summary>Validation of lot input that needs no other record (suppliers, input lots and factors are checked by the grain).</summary>
public static class LotRules
{
    public static Validation Check(LotInput input)
    {
        var v = new Validation()
            .Text(input.Material, "material", 100)
            .Id(input.SupplierId, "supplierId")
            .Country(input.OriginCountry, "originCountry", required: false)
            .Text(input.OriginRegion, "originRegion", 100, required: false)
            .Text(input.CertificationScheme, "certificationScheme", 40, required: false)
            .Check(input.Quantity > 0, "quantity", "'quantity' must be greater than zero.")
            .Check(input.RecycledShare is >= 0 and <= 1, "recycledShare", "'recycledShare' is a fraction from 0 to 1.")
            .Check(input.InputLotIds.Count <= 100, "inputLotIds", "A lot is made from at most 100 input lots.")
            .Check(input.InputLotIds.All(Validation.IsId), "inputLotIds", "Every input lot id must be a valid id.")
            .Text(input.Site, "site", 200, required: false)
            .Check(input.ChainOfCustody is null || Enum.IsDefined(input.ChainOfCustody.Value), "chainOfCustody", "'chainOfCustody' is one of identity-preserved, segregated, mass-balance, book-and-claim.")
            .Check(input.CreditedShare is null or (>= 0 and <= 1), "creditedShare", "'creditedShare' is a fraction from 0 to 1.")
            .Check(input.ChainOfCustody != Traceability.ChainOfCustodyModel.MassBalance || input.CreditedShare is not null, "creditedShare", "Under mass balance, 'creditedShare' says which share (0-1) of the lot's mass is backed by certified credits.")
            .Check(input.EpcClass is null || DigitalLink.Canonical(input.EpcClass) is not null, "epcClass", "'epcClass' is the lot's GS1 identifier: an EPC class URN (urn:epc:class:lgtin:…) or a GS1 Digital Link (https://id.gs1.org/01/…/10/…).");
        var unit = Unit.FromSymbol(input.Unit);
        v.Check(unit is not null, "unit", $"Unknown unit '{input.Unit}'. Known units: {Unit.KnownSymbols}.");
        v.Check(unit is null || unit.Dimension == Dimension.Mass, "unit", "A lot's quantity is a mass (g, kg, t or lb), so traceability can balance it.");
        var f = input.Factor;
        if (f.Kind == FactorSourceKind.Primary)
        {
            v.Check(f.KgCo2ePerUnit is >= 0, "factor.kgCo2ePerUnit", "A primary factor needs kgCo2ePerUnit (zero or more).");
            v.Check(Unit.FromSymbol(f.PerUnit) is { Dimension: Dimension.Mass }, "factor.perUnit", "A primary material factor is per unit of mass (g, kg, t or lb).");
            v.Text(f.Source, "factor.source", 300);
        }
        else
        {
            v.Check(!string.IsNullOrWhiteSpace(f.FactorId), "factor.factorId", "A secondary factor names a factor id of the factor dataset.");
        }

        return v;
    }

    /// <summary>The emission factor this lot's input names, resolved against a dataset for secondary factors.</summary>
    public static EmissionFactor Factor(string lotId, LotInput lot, FactorCatalog catalog) => lot.Factor.Kind == FactorSourceKind.Primary
        ? new EmissionFactor("lot:" + lotId, $"{lot.Material} (supplier data)", lot.Factor.KgCo2ePerUnit!.Value, Unit.FromSymbol(lot.Factor.PerUnit)!, FactorSourceKind.Primary, lot.Factor.Source!, "supplier-provided")
        : catalog.Factor(lot.Factor.FactorId!);
}
