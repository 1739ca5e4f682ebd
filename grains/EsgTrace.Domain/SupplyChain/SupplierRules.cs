namespace EsgTrace.SupplyChain;

/// <summary>Validation of supplier and certificate input.</summary>
public static class SupplierRules
{
    public static Validation Check(SupplierInput input) => new Validation()
        .Text(input.Name, "name", 200)
        .Country(input.Country, "country")
        .Check(input.Tier is >= 1 and <= 10, "tier", "'tier' is the supplier's distance from you in the chain: 1 (direct) to 10.")
        .Check(input.Gln is null || Gln.IsValid(input.Gln), "gln", "'gln' must be a 13-digit GS1 GLN with a valid check digit.");

    public static Validation Check(CertificateInput input) => new Validation()
        .Text(input.Scheme, "scheme", 40)
        .Text(input.Number, "number", 100)
        .Check(input.ValidTo >= input.ValidFrom, "validTo", "'validTo' must not be before 'validFrom'.")
        .Check(input.EvidenceSha256 is null || (input.EvidenceSha256.Length == 64 && input.EvidenceSha256.All(char.IsAsciiHexDigitLower)), "evidenceSha256", "'evidenceSha256' must be 64 lowercase hex digits.");
}
