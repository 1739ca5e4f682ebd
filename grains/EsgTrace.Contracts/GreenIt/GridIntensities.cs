using System.Text.Json;
using EsgTrace.Factors;

namespace EsgTrace.GreenIt;

/// <summary>
/// Location-based grid intensity and PUE per cloud region, from the Cloud Carbon Footprint constants (embedded copy of
/// ccf-coefficients-from-code.json, CCF commit b7a049c7, Apache-2.0). On-premises sites use the country grid factors of
/// the starter factor dataset and the site's own PUE.
/// </summary>
public static class GridIntensities
{
    public const string Dataset = "ccf-grid@b7a049c7";

    /// <summary>PUE assumed for an on-premises site that does not state its own: the global average reported by the Uptime Institute Global Data Center Survey 2023.</summary>
    public const decimal DefaultOnPremisesPue = 1.58m;

    private const string CcfSource = "Cloud Carbon Footprint, packages/{0}/src/domain/{1}FootprintEstimationConstants.ts at commit b7a049c7 (Apache-2.0), {2}";

    private static readonly Lazy<Dictionary<string, ProviderData>> Data = new(Load);

    // The Azure billing exports name regions without separators; CCF keys them by geography.
    private static readonly Dictionary<string, string> AzureAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["westeurope"] = "EU_WEST", ["northeurope"] = "EU_NORTH", ["francecentral"] = "EU_FRANCE_CENTRAL", ["francesouth"] = "EU_FRANCE_SOUTH",
        ["germanywestcentral"] = "EU_GERMANY_WESTCENTRAL", ["germanynorth"] = "EU_GERMANY_NORTH", ["swedencentral"] = "EU_SWEDEN_CENTRAL",
        ["switzerlandnorth"] = "EU_SWITZERLAND_NORTH", ["norwayeast"] = "EU_NORWAY_EAST", ["uksouth"] = "UK_SOUTH", ["ukwest"] = "UK_WEST",
        ["eastus"] = "US_EAST", ["eastus2"] = "US_EAST_2", ["westus"] = "US_WEST", ["westus2"] = "US_WEST_2", ["westus3"] = "US_WEST_3",
        ["centralus"] = "US_CENTRAL", ["northcentralus"] = "US_NORTH_CENTRAL", ["southcentralus"] = "US_SOUTH_CENTRAL",
        ["canadacentral"] = "US_CANADA_CENTRAL", ["brazilsouth"] = "BRAZIL_SOUTH", ["centralindia"] = "IN_CENTRAL", ["southindia"] = "IN_SOUTH",
        ["japaneast"] = "AP_JAPAN_EAST", ["koreacentral"] = "AP_KOREA", ["australiaeast"] = "AP_AUSTRALIA_EAST", ["southeastasia"] = "ASIA_SOUTH_EAST",
        ["eastasia"] = "ASIA_EAST", ["uaenorth"] = "ME_UAE_NORTH", ["southafricanorth"] = "AF_SOUTH_AFRICA_NORTH",
    };

    /// <summary>The grid intensity for a provider's region, or null with the reason in <paramref name="problem"/>.</summary>
    public static GridIntensity? Resolve(string provider, string region, decimal? sitePue, out string? problem)
    {
        problem = null;
        if (provider == "on-premises")
        {
            var country = region.Trim().ToUpperInvariant();
            if (FactorCatalog.Starter.Dataset.Find("grid." + country) is not { } factor)
            {
                var known = FactorCatalog.Starter.Dataset.Factors.Where(f => f.Id.StartsWith("grid.", StringComparison.Ordinal)).Select(f => f.Id[5..]);
                problem = $"On-premises sites name their country grid; {FactorCatalog.Starter.Dataset.Ref} has grid factors for {string.Join(", ", known)}, not '{region}'.";
                return null;
            }

            var pue = sitePue ?? DefaultOnPremisesPue;
            return new GridIntensity(provider, country, factor.KgCo2ePerUnit, null, pue,
                $"{factor.Name} ({FactorCatalog.Starter.Dataset.Ref}: {factor.Source}); PUE {Units.Numbers.Plain(pue)} " +
                (sitePue is null ? "(Uptime Institute Global Data Center Survey 2023 average; the site did not state its own)" : "(stated for the site)"));
        }

        if (!Data.Value.TryGetValue(provider, out var data))
        {
            problem = $"Provider '{provider}' is not one of {string.Join(", ", UsageCsv.Providers)}.";
            return null;
        }

        var key = Key(provider, region);
        if (!data.Location.TryGetValue(key, out var tonnes))
        {
            problem = $"Region '{region}' of {provider} is not in {Dataset}; use one of its regions (GET /api/green-it/regions) or 'unknown' for CCF's provider average.";
            return null;
        }

        decimal? market = data.Market.TryGetValue(key, out var m) ? m * 1000 : null;
        var regionPue = data.RegionalPue.TryGetValue(key, out var p) ? p : data.Pue;
        var label = data.Market.Count > 0 ? "grid-only factor (location-based); the carbon-free-energy-adjusted factor is shown as market-based" : "grid factor (location-based)";
        return new GridIntensity(provider, key, tonnes * 1000, market, regionPue, string.Format(System.Globalization.CultureInfo.InvariantCulture, CcfSource, provider, Pascal(provider), $"{label} {key}, PUE {Units.Numbers.Plain(regionPue)}"));
    }

    /// <summary>CCF's coefficients for the provider; on-premises hardware without a meter is estimated with CCF's AWS averages (stated in the result).</summary>
    public static CloudCoefficients Coefficients(string provider) => provider switch
    {
        "azure" => CloudCoefficients.Azure,
        "gcp" => CloudCoefficients.Gcp,
        _ => CloudCoefficients.Aws,
    };

    /// <summary>The region keys known for a provider, with their location-based intensity in kg CO2e/kWh.</summary>
    public static IReadOnlyList<(string Region, decimal KgPerKwh)> Regions(string provider)
        => Data.Value.TryGetValue(provider, out var d) ? d.Location.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value * 1000)).ToList() : [];

    /// <summary>The CCF key for a region name as billing exports spell it ("eu-central-1", "West Europe", "europe-west1").</summary>
    public static string Key(string provider, string region)
    {
        var trimmed = region.Trim();
        if (provider == "azure" && AzureAliases.TryGetValue(trimmed.Replace(" ", string.Empty, StringComparison.Ordinal), out var alias))
        {
            return alias;
        }

        return trimmed.ToUpperInvariant().Replace('-', '_').Replace(' ', '_');
    }

    private static string Pascal(string provider) => char.ToUpperInvariant(provider[0]) + provider[1..];

    private static Dictionary<string, ProviderData> Load()
    {
        using var stream = typeof(GridIntensities).Assembly.GetManifestResourceStream("EsgTrace.GreenIt.ccf-coefficients-from-code.json")
            ?? throw new InvalidOperationException("The embedded CCF coefficients are missing.");
        using var doc = JsonDocument.Parse(stream);
        var result = new Dictionary<string, ProviderData>();
        foreach (var provider in doc.RootElement.GetProperty("providers").EnumerateObject())
        {
            var p = provider.Value;
            var location = Read(p, provider.Name == "gcp" ? "EMISSION_FACTORS_GRID_ONLY" : "EMISSION_FACTORS");
            var market = provider.Name == "gcp" ? Read(p, "EMISSION_FACTORS_WITH_CFE") : [];
            result[provider.Name] = new ProviderData(location, market, p.GetProperty("PUE_AVG").GetDecimal(), Read(p, "PUE_TRAILING_TWELVE_MONTH"));
        }

        return result;
    }

    private static Dictionary<string, decimal> Read(JsonElement provider, string property)
        => provider.TryGetProperty(property, out var values)
            ? values.EnumerateObject().ToDictionary(v => v.Name, v => decimal.Parse(v.Value.GetRawText(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal)
            : [];

    private sealed record ProviderData(Dictionary<string, decimal> Location, Dictionary<string, decimal> Market, decimal Pue, Dictionary<string, decimal> RegionalPue);
}
