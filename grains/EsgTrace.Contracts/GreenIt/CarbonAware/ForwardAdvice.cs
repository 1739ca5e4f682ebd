using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>One place and time a job could run in the forecast horizon: its mean forecast intensity (kg CO2e/kWh) and the job's emissions there (kg CO2e).</summary>
[GenerateSerializer, Immutable, Alias("esg.forward-window")]
public sealed record ForwardWindow(string Location, Instant Start, Instant End, decimal MeanKgCo2ePerKwh, decimal KgCo2e, string Dataset, Instant GeneratedAt);

/// <summary>
/// Forward-looking carbon-aware advice for one job of a workload: when and where in the current forecasts it would emit
/// least, against starting it now in its own region, with the expected saving in kg CO2e (location-based, forecast).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.forward-advice")]
public sealed record ForwardAdvice(
    string WorkloadId, int WindowMinutes, decimal EnergyKwh, string EnergyBasis, Instant RequestedAt,
    ForwardWindow? RunNow, ForwardWindow? Best, decimal SavingKgCo2e, IReadOnlyList<ForwardWindow> BestPerLocation,
    IReadOnlyList<string> Notes, string Explanation);
