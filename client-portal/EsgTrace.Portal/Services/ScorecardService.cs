using EsgTrace.Domain;
using EsgTrace.GreenIt;
using EsgTrace.Scorecard;
using NodaTime;

namespace EsgTrace.Portal.Services;

/// <summary>The portal's door to the shared scorecard and to the lineage behind its green-IT figures.</summary>
public sealed class ScorecardService(IGrainFactory grains, PublicAddress address, IClock clock)
{
    /// <summary>The default green-IT period: the twelve months to today.</summary>
    public (LocalDate From, LocalDate To) DefaultPeriod()
    {
        var today = clock.GetCurrentInstant().InUtc().Date;
        return (today.PlusYears(-1).PlusDays(1), today);
    }

    public Task<Outcome<EsgTrace.Scorecard.Scorecard>> BuildAsync(LocalDate from, LocalDate to) => grains.GetGrain<IScorecardGrain>(0).Build(from, to);

    /// <summary>The signed PDF; its lineage addresses point at this portal's public address.</summary>
    public Task<Outcome<byte[]>> ReportAsync(LocalDate from, LocalDate to) => grains.GetGrain<IScorecardGrain>(0).Report(from, to, address.BaseUrl);

    /// <summary>Every usage record's emissions (each term's arithmetic) of every workload, cut to the period, with the method: the lineage of the IT figures.</summary>
    public async Task<Outcome<ItEmissionsLineage>> ItEmissionsLineageAsync(LocalDate from, LocalDate to)
    {
        var dashboard = await grains.GetGrain<IGreenItAnalysisGrain>(0).Dashboard(from, to, null);
        if (!dashboard.IsOk)
        {
            return dashboard.Problem!;
        }

        var records = new List<UsageEmissions>();
        foreach (var w in dashboard.Value!.Workloads)
        {
            var emissions = await grains.GetGrain<IGreenItAnalysisGrain>(0).WorkloadEmissions(w.Id);
            records.AddRange((emissions.Value ?? []).Where(e => PeriodShare.Fraction(e.PeriodStart, e.PeriodEnd, from, to) > 0));
        }

        var d = dashboard.Value!;
        return Outcome<ItEmissionsLineage>.Ok(new ItEmissionsLineage(from, to, d.KgCo2e, d.EnergyKwh, d.Target, d.Workloads, records, d.Method));
    }

    /// <summary>An action's saving with the before/after figures of each workload, and its money.</summary>
    public async Task<Outcome<ActionMoney>> ActionLineageAsync(string id, LocalDate from, LocalDate to)
    {
        var built = await BuildAsync(from, to);
        if (!built.IsOk)
        {
            return built.Problem!;
        }

        return built.Value!.Savings.FirstOrDefault(a => a.ActionId == id) is { } action ? Outcome<ActionMoney>.Ok(action) : FactRules.NotRecorded("action", id);
    }
}

/// <summary>The lineage of the scorecard's IT figures: totals, target progress, each workload's summary and every usage record's emissions.</summary>
public sealed record ItEmissionsLineage(
    LocalDate From, LocalDate To, decimal KgCo2e, decimal EnergyKwh, TargetProgress? Target, IReadOnlyList<WorkloadSummary> Workloads, IReadOnlyList<UsageEmissions> Records, IReadOnlyList<string> Method);
