namespace EsgTrace.GreenIt;

/// <summary>
/// Per-provider Cloud Carbon Footprint coefficients: average min/max watts per vCPU and PUE. Values as in the CCF code
/// (cloud-carbon-footprint, commit b7a049c7, 2024-03-25, Apache-2.0), which the CCF tool computes with.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.cloud-coefficients")]
public sealed record CloudCoefficients(string Provider, decimal MinWattsPerVcpu, decimal MaxWattsPerVcpu, decimal Pue, string Source)
{
    private const string Ccf = "Cloud Carbon Footprint, packages/{0}/src/domain/{1}FootprintEstimationConstants.ts at commit b7a049c7 (Apache-2.0)";

    public static CloudCoefficients Aws { get; } = new("aws", 0.74m, 3.5m, 1.135m, string.Format(System.Globalization.CultureInfo.InvariantCulture, Ccf, "aws", "Aws"));

    public static CloudCoefficients Azure { get; } = new("azure", 0.74m, 3.54m, 1.185m, string.Format(System.Globalization.CultureInfo.InvariantCulture, Ccf, "azure", "Azure"));

    public static CloudCoefficients Gcp { get; } = new("gcp", 0.68m, 4.11m, 1.1m, string.Format(System.Globalization.CultureInfo.InvariantCulture, Ccf, "gcp", "Gcp"));
}

/// <summary>Coefficients CCF applies to every provider (core/FootprintEstimationConstants.ts at the same commit).</summary>
public static class CcfConstants
{
    public const decimal SsdWhPerTbHour = 1.2m;
    public const decimal HddWhPerTbHour = 0.65m;
    public const decimal MemoryKwhPerGbHour = 0.000392m;
    public const decimal NetworkKwhPerGb = 0.001m;
    public const decimal DefaultCpuUtilisationPercent = 50m;
    public const decimal ServerLifespanHours = 35040m; // 4 years
}
