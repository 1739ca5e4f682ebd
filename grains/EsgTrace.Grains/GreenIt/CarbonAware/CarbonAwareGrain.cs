using EsgTrace.Domain;
using EsgTrace.SupplyChain;
using EsgTrace.Units;
using NodaTime;
using Orleans.Concurrency;

namespace EsgTrace.GreenIt;

/// <summary>Answers the Carbon Aware SDK-shaped queries and the forward advice from the imported intensity datasets.</summary>
[StatelessWorker]
public sealed class CarbonAwareGrain(IClock clock) : Grain, ICarbonAwareGrain
{
    public const int MaxWindowMinutes = 7 * 24 * 60;

    public async Task<Outcome<IReadOnlyList<EmissionsData>>> ByLocations(IReadOnlyList<string> locations, Instant? start, Instant? end, bool best)
    {
        var (keys, problem) = CarbonAwareLocations.Parse(locations);
        var (from, to, periodProblem) = CarbonAwareQueries.Period(keys, start, end, clock.GetCurrentInstant());
        if ((problem ?? periodProblem) is { } p)
        {
            return p;
        }

        var measured = IntensityData.Measured(await IntensityData.AllAsync(GrainFactory));
        var data = CarbonAwareQueries.ByLocations(measured, keys.ToHashSet(StringComparer.Ordinal), from, to);
        return Outcome<IReadOnlyList<EmissionsData>>.Ok(best ? CarbonAwareQueries.Best(data) : data);
    }

    public async Task<Outcome<IReadOnlyList<EmissionsForecast>>> CurrentForecasts(IReadOnlyList<string> locations, Instant? dataStartAt, Instant? dataEndAt, int? windowSize)
    {
        var (keys, problem) = CarbonAwareLocations.Parse(locations);
        if (problem is not null)
        {
            return problem;
        }

        var forecasts = IntensityData.CurrentForecasts(await IntensityData.AllAsync(GrainFactory));
        var now = clock.GetCurrentInstant();
        var results = new List<EmissionsForecast>();
        foreach (var key in keys)
        {
            if (!forecasts.TryGetValue(key, out var forecast))
            {
                return new DomainProblem(ProblemKind.NotFound, "No forecast.", $"No imported dataset forecasts {key}; import one with kind 'forecast'.");
            }

            var result = CarbonAwareQueries.Forecast(forecast, dataStartAt, dataEndAt, windowSize, now);
            if (!result.IsOk)
            {
                return result.Problem!;
            }

            results.Add(result.Value!);
        }

        return Outcome<IReadOnlyList<EmissionsForecast>>.Ok(results);
    }

    public async Task<Outcome<ForwardAdvice>> ForwardAdvice(string workloadId, int windowMinutes, decimal? energyKwh)
    {
        if (windowMinutes is <= 0 or > MaxWindowMinutes)
        {
            return DomainProblem.Invalid("windowSize", $"windowSize is the job's length in minutes, from 1 to {MaxWindowMinutes}.");
        }

        if (energyKwh is < 0 or > 1_000_000)
        {
            return DomainProblem.Invalid("energyKwh", "energyKwh is the job's energy in kWh, from 0 to 1,000,000.");
        }

        var data = Validation.IsId(workloadId) ? await GrainFactory.GetGrain<IWorkloadGrain>(workloadId).Data() : null;
        if (data is null)
        {
            return FactRules.NotRecorded("workload", workloadId);
        }

        var (energy, basis) = energyKwh is { } given ? (given, "energy given with the request") : JobEnergy(data, windowMinutes);
        var forecasts = IntensityData.CurrentForecasts(await IntensityData.AllAsync(GrainFactory));
        return Outcome<ForwardAdvice>.Ok(ForwardCarbonAdvisor.Advise(data.Id, data.Definition, energy, basis, forecasts, clock.GetCurrentInstant(), windowMinutes));
    }

    /// <summary>The job's energy from the workload's record: its mean kWh per hour over its usage periods × the window × its flexible share.</summary>
    private static (decimal Kwh, string Basis) JobEnergy(WorkloadData data, int windowMinutes)
    {
        var emissions = UsageEmissionsCalculator.All(data);
        var hours = emissions.Sum(e => e.Days * 24m);
        if (hours == 0)
        {
            return (0, "no usage recorded");
        }

        var perHour = emissions.Sum(e => e.Result.TotalKwh) / hours;
        var share = Math.Clamp(data.Definition.FlexibleSharePercent, 0, 100) / 100;
        var kwh = perHour * windowMinutes / 60 * share;
        return (kwh, $"{Numbers.Plain(Math.Round(perHour, 6))} kWh/h (mean over {Numbers.Plain(hours)} h of usage records) × {Numbers.Plain(windowMinutes / 60m)} h × {Numbers.Plain(share * 100)} % flexible share");
    }
}
