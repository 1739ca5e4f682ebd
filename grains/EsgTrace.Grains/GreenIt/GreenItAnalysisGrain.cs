using EsgTrace.Domain;
using EsgTrace.Signing;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using Microsoft.Extensions.Configuration;
using NodaTime;
using Orleans.Concurrency;

namespace EsgTrace.GreenIt;

/// <summary>Loads what the green-IT calculators need (one range scan per index, one grain read per workload) and runs them.</summary>
[StatelessWorker]
public sealed class GreenItAnalysisGrain(IIndexStore index, IDocumentSigner signer, Microsoft.Extensions.Options.IOptions<OrganisationOptions> organisation, IClock clock) : Grain, IGreenItAnalysisGrain
{
    private const int MaxDays = 3 * 366;

    public async Task<Outcome<GreenItDashboard>> Dashboard(LocalDate from, LocalDate to, string? hourlyDataset, string? gridDataset = null)
    {
        if (CheckPeriod(from, to) is { } problem)
        {
            return problem;
        }

        var hourly = await GrainFactory.GetGrain<IGreenItSettingsGrain>("default").Hourly(hourlyDataset);
        if (hourly is null)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such hourly dataset.", $"There is no hourly intensity dataset '{hourlyDataset}'.");
        }

        var (grid, gridProblem) = await GridAsync(gridDataset);
        if (gridProblem is not null)
        {
            return gridProblem;
        }

        var workloads = await LoadWorkloadsAsync();
        var actions = await JsonIndex.ReadAllAsync<GreenItActionView>(index, GreenItIndexes.Actions, GreenItIndexes.All);
        var target = await GrainFactory.GetGrain<IGreenItSettingsGrain>("default").Target();
        var measured = await MeasuredFactorsAsync();
        return Outcome<GreenItDashboard>.Ok(GreenItDashboardBuilder.Build(from, to, workloads, actions.Select(a => (a.Id, a.Action)).ToList(), target, hourly, grid, measured));
    }

    public async Task<Outcome<CarbonAdvice>> Advice(string workloadId, LocalDate from, LocalDate to, string? hourlyDataset)
    {
        if (CheckPeriod(from, to) is { } problem)
        {
            return problem;
        }

        var data = Validation.IsId(workloadId) ? await GrainFactory.GetGrain<IWorkloadGrain>(workloadId).Data() : null;
        if (data is null)
        {
            return FactRules.NotRecorded("workload", workloadId);
        }

        var hourly = await GrainFactory.GetGrain<IGreenItSettingsGrain>("default").Hourly(hourlyDataset);
        if (hourly is null)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such hourly dataset.", $"There is no hourly intensity dataset '{hourlyDataset}'.");
        }

        var energy = UsageEmissionsCalculator.All(data)
            .Sum(e => e.Result.TotalKwh * PeriodShare.Fraction(e.PeriodStart, e.PeriodEnd, from, to));
        return Outcome<CarbonAdvice>.Ok(CarbonAwareAdvisor.Advise(data.Id, data.Definition, energy, hourly));
    }

    public async Task<Outcome<byte[]>> Report(LocalDate from, LocalDate to, string? hourlyDataset)
    {
        var dashboard = await Dashboard(from, to, hourlyDataset);
        if (!dashboard.IsOk)
        {
            return dashboard.Problem!;
        }

        var organisationName = organisation.Value.Name ?? "this organisation";
        try
        {
            return Outcome<byte[]>.Ok(await GreenItReportBuilder.SignedPdfAsync(dashboard.Value!, clock.GetCurrentInstant(), organisationName, signer));
        }
        catch (Reports.Signing.TimestampAuthorityException ex)
        {
            return new DomainProblem(ProblemKind.Unavailable, "No timestamp for the report.", ex.Message + " Ask for the report again when the authority answers.");
        }
    }

    public async Task<Outcome<IReadOnlyList<UsageEmissions>>> WorkloadEmissions(string workloadId, string? gridDataset = null)
    {
        var (grid, gridProblem) = await GridAsync(gridDataset);
        if (gridProblem is not null)
        {
            return gridProblem;
        }

        var data = Validation.IsId(workloadId) ? await GrainFactory.GetGrain<IWorkloadGrain>(workloadId).Data() : null;
        if (data is null)
        {
            return FactRules.NotRecorded("workload", workloadId);
        }

        return Outcome<IReadOnlyList<UsageEmissions>>.Ok(UsageEmissionsCalculator.All(data, grid, await MeasuredFactorsAsync()));
    }

    /// <summary>The named yearly grid dataset, or with none named the newest imported one (none imported: the undated CCF factors).</summary>
    private async Task<(IGridFactorSource? Grid, DomainProblem? Problem)> GridAsync(string? reference)
    {
        var dataset = await GrainFactory.GetGrain<IGridDatasetsGrain>("default").Get(reference);
        return reference is not null && dataset is null
            ? (null, new DomainProblem(ProblemKind.NotFound, "No such grid dataset.", $"There is no yearly grid intensity dataset '{reference}'."))
            : (dataset is null ? null : new YearlyGridFactors(dataset), null);
    }

    private static DomainProblem? CheckPeriod(LocalDate from, LocalDate to)
        => to < from ? DomainProblem.Invalid("to", "The period cannot end before it starts.")
            : Period.DaysBetween(from, to) > MaxDays ? DomainProblem.Invalid("to", "A period covers at most three years.")
            : null;

    /// <summary>Imported measured intensity, so each usage record takes the factor of its own hours where they were measured.</summary>
    private async Task<HourlyGridFactors> MeasuredFactorsAsync() => new(IntensityData.Measured(await IntensityData.AllAsync(GrainFactory)));

    private async Task<List<WorkloadData>> LoadWorkloadsAsync()
    {
        var views = await JsonIndex.ReadAllAsync<WorkloadView>(index, GreenItIndexes.Workloads, GreenItIndexes.All);
        var data = await Task.WhenAll(views.Select(v => GrainFactory.GetGrain<IWorkloadGrain>(v.Id).Data()));
        return data.OfType<WorkloadData>().ToList();
    }

}
