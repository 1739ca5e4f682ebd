using System.Text.Json;
using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.Storage;
using EsgTrace.Time;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// Provider-reported emissions in index "provideremissions": one partition per month ("yyyy-MM"), keyed
/// "{provider}|{basis}|{account}|{service}|{region}", so a restated figure replaces the earlier one and a period is one range
/// read per month. Our estimate beside it is computed from the workloads' usage with the same method as the dashboard.
/// </summary>
public sealed class ProviderEmissionsGrain(IIndexStore index, IAuditTrail audit, IClock clock) : Grain, IProviderEmissionsGrain
{
    public const string Index = "provideremissions";
    private const int MaxMonths = 36;

    public async Task<Outcome<int>> Import(string provider, IReadOnlyList<ProviderEmission> records, string actor)
    {
        if (records.Count == 0 || records.Any(r => r.Provider != provider))
        {
            return DomainProblem.Invalid("file", "Send at least one figure, all of one provider.");
        }

        var rows = new Dictionary<(string, string), IndexRow>();
        foreach (var r in records)
        {
            var partition = $"{r.Month.Year:D4}-{r.Month.Month:D2}";
            var key = string.Join('|', r.Provider, r.Basis, r.Account, r.Service, r.Region);
            rows[(partition, key)] = new IndexRow(partition, key, JsonSerializer.SerializeToUtf8Bytes(r, EsgJson.Options));
        }

        await index.PutManyAsync(Index, [.. rows.Values]);
        await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "provider-emissions.imported", "provider-emissions:" + provider,
            $"{rows.Count} figure(s), {records.Min(r => r.Month):yyyy-MM} to {records.Max(r => r.Month):yyyy-MM}"));
        return Outcome<int>.Ok(rows.Count);
    }

    public async Task<Outcome<IReadOnlyList<ProviderEmissionComparison>>> Compare(LocalDate from, LocalDate to, string? gridDataset)
    {
        var first = new LocalDate(from.Year, from.Month, 1);
        if (to < from || Period.Between(first, to, PeriodUnits.Months).Months >= MaxMonths)
        {
            return DomainProblem.Invalid("to", $"The period runs forwards and covers at most {MaxMonths} months.");
        }

        var dataset = await GrainFactory.GetGrain<IGridDatasetsGrain>("default").Get(gridDataset);
        if (gridDataset is not null && dataset is null)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such grid dataset.", $"There is no yearly grid intensity dataset '{gridDataset}'.");
        }

        var grid = dataset is null ? null : new YearlyGridFactors(dataset);
        var views = await JsonIndex.ReadAllAsync<WorkloadView>(index, GreenItIndexes.Workloads, GreenItIndexes.All);
        var workloads = (await Task.WhenAll(views.Select(v => GrainFactory.GetGrain<IWorkloadGrain>(v.Id).Data()))).OfType<WorkloadData>().ToList();
        var emissions = workloads.SelectMany(w => UsageEmissionsCalculator.All(w, grid)).ToList();
        var method = $"{ItCarbonCalculator.Version}, grid factors {(grid?.Dataset ?? GridIntensities.Dataset)}";
        var result = new List<ProviderEmissionComparison>();
        for (var month = first; month <= to; month = month.PlusMonths(1))
        {
            var end = month.PlusMonths(1).PlusDays(-1);
            var reported = await JsonIndex.ReadAllAsync<ProviderEmission>(index, Index, $"{month.Year:D4}-{month.Month:D2}");
            foreach (var provider in reported.Select(r => r.Provider).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var ours = reported.Where(r => r.Provider == provider).ToList();
                var byBasis = ours.GroupBy(r => r.Basis, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.KgCo2e), StringComparer.Ordinal);
                var estimate = emissions.Where(e => e.Provider == provider).Sum(e => PeriodShare.Kg(e, month, end));
                result.Add(new ProviderEmissionComparison(provider, $"{month.Year:D4}-{month.Month:D2}", byBasis, estimate, method,
                    $"{provider} carbon export ({string.Join(", ", ours.Select(r => r.Model).Distinct(StringComparer.Ordinal))})"));
            }
        }

        return Outcome<IReadOnlyList<ProviderEmissionComparison>>.Ok(result);
    }
}
