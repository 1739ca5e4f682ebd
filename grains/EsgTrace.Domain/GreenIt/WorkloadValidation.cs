using EsgTrace.Domain;
using EsgTrace.SupplyChain;

namespace EsgTrace.GreenIt;

/// <summary>Checks a workload definition completely before anything is written.</summary>
public static class WorkloadValidation
{
    public static DomainProblem? Check(string id, WorkloadDefinition d)
    {
        var v = new Validation().Id(id, "id").Text(d.Name, "name", 100).Text(d.Owner, "owner", 100).Text(d.FunctionalUnit, "functionalUnit", 60)
            .Check(UsageCsv.Providers.Contains(d.Provider), "provider", $"'provider' is one of {string.Join(", ", UsageCsv.Providers)}.")
            .Check(d.FlexibleSharePercent is >= 0 and <= 100, "flexibleSharePercent", "The flexible share is a percentage from 0 to 100.")
            .Check(d.SitePue is null or (>= 1 and <= 3), "sitePue", "A PUE is from 1 to 3.")
            .Check(d.SitePue is null || d.Provider == "on-premises", "sitePue", "Only on-premises sites state their PUE; cloud regions use the provider's.")
            .Check(d.MarketKgCo2ePerKwh is null or (>= 0 and <= 3), "marketKgCo2ePerKwh", "A market-based factor is from 0 to 3 kg CO2e/kWh.")
            .Check(d.MarketKgCo2ePerKwh is null || !string.IsNullOrWhiteSpace(d.MarketSource), "marketSource", "A market-based factor needs its source (contract, certificate scheme, year).")
            .Check(d.AllowedRegions is null || d.AllowedRegions.Count <= 20, "allowedRegions", "List at most 20 allowed regions.");
        if (UsageCsv.Providers.Contains(d.Provider) && d.Region is { Length: > 0 } && GridIntensities.Resolve(d.Provider, d.Region, d.SitePue, out var problem) is null)
        {
            v.Add("region", problem!);
        }
        else if (string.IsNullOrWhiteSpace(d.Region))
        {
            v.Add("region", "A region (cloud) or country code (on-premises) is required.");
        }

        foreach (var region in d.AllowedRegions ?? [])
        {
            if (UsageCsv.Providers.Contains(d.Provider) && GridIntensities.Resolve(d.Provider, region ?? string.Empty, d.SitePue, out var p) is null)
            {
                v.Add("allowedRegions", p!);
            }
        }

        if (d.Hardware is { } h)
        {
            v.Check(h.TotalEmbodiedKgCo2e > 0, "hardware.totalEmbodiedKgCo2e", "The host's embodied emissions are kg CO2e greater than zero.")
                .Check(h.HostVcpus > 0, "hardware.hostVcpus", "The host's vCPU count is greater than zero.")
                .Check(h.ExpectedLifespanHours > 0, "hardware.expectedLifespanHours", "The expected lifespan is hours greater than zero.")
                .Text(h.Source, "hardware.source", 300);
        }

        if (d.Gpu?.Problem() is { } gpuProblem)
        {
            v.Add("gpu", gpuProblem);
        }

        return v.IsValid ? null : v.ToProblem();
    }
}
