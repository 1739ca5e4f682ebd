namespace EsgTrace.Portal.Services;

/// <summary>The "Pact" settings: how this organisation appears in the PACT footprints it publishes.</summary>
public sealed class PactOptions
{
    public const string Section = "Pact";

    /// <summary>The company id PACT partners know us by (a URN).</summary>
    public string CompanyId { get; set; } = "urn:uuid:5b1e2c1d-9d7a-4c1e-8f5e-0e57ace0d001";

    /// <summary>The UN CPC code of our products' category.</summary>
    public string ProductCategoryCpc { get; set; } = "282";
}
