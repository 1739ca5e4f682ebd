using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>A workload as the dashboard reads it: its definition and usage records.</summary>
[GenerateSerializer, Immutable, Alias("esg.workload-data")]
public sealed record WorkloadData(string Id, WorkloadDefinition Definition, IReadOnlyList<UsageRow> Usage);

/// <summary>Builds the CIO dashboard from workloads, actions, the target and an hourly dataset. Pure.</summary>
public static class GreenItDashboardBuilder
{
    public const int TopOpportunities = 5;

    public static GreenItDashboard Build(
        LocalDate from, LocalDate to, IReadOnlyList<WorkloadData> workloads, IReadOnlyList<(string Id, GreenItAction Action)> actions,
        GreenItTarget? target, HourlyIntensityDataset hourly, IGridFactorSource? grid = null, IGridFactorLookup? timeMatched = null)
    {
        var emissions = workloads.ToDictionary(
            w => w.Id,
            w => UsageEmissionsCalculator.All(w, grid, timeMatched));
        var inPeriod = emissions.Values.SelectMany(e => e).Where(e => PeriodShare.Fraction(e.PeriodStart, e.PeriodEnd, from, to) > 0).ToList();
        decimal Share(UsageEmissions e) => PeriodShare.Fraction(e.PeriodStart, e.PeriodEnd, from, to);

        var months = new List<string>();
        var monthly = new List<MonthPoint>();
        for (var m = new LocalDate(from.Year, from.Month, 1); m <= to; m = m.PlusMonths(1))
        {
            var start = m < from ? from : m;
            var end = m.PlusMonths(1).PlusDays(-1) is var e && e > to ? to : m.PlusMonths(1).PlusDays(-1);
            var label = $"{m.Year:0000}-{m.Month:00}";
            months.Add(label);
            foreach (var w in workloads)
            {
                var kg = emissions[w.Id].Sum(x => PeriodShare.Kg(x, start, end));
                if (kg != 0)
                {
                    monthly.Add(new MonthPoint(label, w.Id, kg));
                }
            }
        }

        var summaries = workloads.Select(w =>
        {
            var records = emissions[w.Id].Where(e => Share(e) > 0).ToList();
            var kwh = records.Sum(e => e.Result.TotalKwh * Share(e));
            var operational = records.Sum(e => e.Result.OperationalKgCo2e * Share(e));
            var embodied = records.Sum(e => e.Result.EmbodiedKgCo2e * Share(e));
            decimal? market = records.Count > 0 && records.All(e => e.MarketKgCo2e is not null) ? records.Sum(e => e.MarketKgCo2e!.Value * Share(e)) : null;
            decimal? units = records.Count > 0 && records.All(e => e.FunctionalUnits is > 0) ? records.Sum(e => e.FunctionalUnits!.Value * Share(e)) : null;
            decimal? sci = units is > 0 ? Sci.Score(kwh, kwh == 0 ? 0 : operational / kwh, embodied, units.Value) : null;
            return new WorkloadSummary(w.Id, w.Definition.Name, w.Definition.Owner, w.Definition.Provider, w.Definition.Region, w.Definition.FunctionalUnit,
                kwh, operational, embodied, market, units, sci, records.Count, UsageCosts.Sum(records.Select(e => e.Cost is { } c ? UsageCosts.Times(c, Share(e)) : null)));
        }).OrderByDescending(s => s.KgCo2e).ToList();

        var energyById = summaries.ToDictionary(s => s.Id, s => s.EnergyKwh);
        var byProvider = inPeriod.GroupBy(e => e.Provider).ToDictionary(g => g.Key, g => g.Sum(e => e.Result.TotalKgCo2e * Share(e)));
        var byRegion = inPeriod.GroupBy(e => e.Provider + ":" + e.Region).ToDictionary(g => g.Key, g => g.Sum(e => e.Result.TotalKgCo2e * Share(e)));
        var asOf = emissions.Values.SelectMany(e => e).Select(e => e.PeriodEnd).DefaultIfEmpty(to).Max();
        var savings = actions.Select(a => ActionSavings.Of(a.Id, a.Action, emissions, asOf)).ToList();
        var progress = target is null ? null : TargetProgressCalculator.Of(target, emissions.Values.SelectMany(e => e).ToList());
        var opportunities = workloads
            .Select(w => CarbonAwareAdvisor.Advise(w.Id, w.Definition, energyById[w.Id], hourly))
            .Where(a => a.Best is { SavingKgCo2e: > 0 })
            .OrderByDescending(a => a.Best!.SavingKgCo2e)
            .Take(TopOpportunities)
            .ToList();

        var marketCovered = summaries.Where(s => s.Records > 0).ToList();
        decimal? marketTotal = marketCovered.Count > 0 && marketCovered.All(s => s.MarketKgCo2e is not null) ? marketCovered.Sum(s => s.MarketKgCo2e!.Value) : null;
        var coverage = marketTotal is null
            ? $"Market-based: {marketCovered.Count(s => s.MarketKgCo2e is not null)} of {marketCovered.Count} workloads have a market-based factor, so no market-based total is shown."
            : "Market-based total covers every workload (contractual factors or GCP's carbon-free-energy-adjusted grid factors).";
        var method = new List<string>
        {
            grid is null
                ? $"Energy and operational emissions: {ItCarbonCalculator.Version}; location-based grid factors and PUE from {GridIntensities.Dataset}; on-premises country grids from {Factors.FactorCatalog.Starter.Dataset.Ref}."
                : $"Energy and operational emissions: {ItCarbonCalculator.Version}; location-based grid factors of each usage period's own year from {grid.Dataset} (a year it lacks: {GridIntensities.Dataset}, named on the record); PUE from {GridIntensities.Dataset}; on-premises country grids from {Factors.FactorCatalog.Starter.Dataset.Ref} where {grid.Dataset} has none.",
            "Cost: BilledCost and EffectiveCost as the providers' FOCUS exports state them, per currency, never converted.",
            "Embodied emissions: SCI M = TE × (vCPU-hours / expected lifespan) / host vCPUs, for workloads that state their host hardware.",
            "Usage records are spread evenly over their days when a period or month cuts them.",
            $"Carbon-aware advice: {hourly.Ref} — {hourly.Source}" + (hourly.Note is null ? string.Empty : " " + hourly.Note),
            $"Savings: before-data (the year before the action) against after-data with the same method, per functional unit where every record states one, else per day; realised after {ActionSavings.MinAfterDays} days.",
        };
        return new GreenItDashboard(from, to, summaries.Sum(s => s.EnergyKwh), summaries.Sum(s => s.KgCo2e), summaries.Sum(s => s.EmbodiedKgCo2e), marketTotal, coverage,
            months, monthly, byProvider, byRegion, summaries, savings, progress, opportunities, method);
    }
}
