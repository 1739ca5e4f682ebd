using EsgTrace.Domain;

namespace EsgTrace.GreenIt;

/// <summary>Organisation-wide green-IT settings (key "default"): the reduction target and the hourly intensity datasets.</summary>
[Alias("esg.IGreenItSettingsGrain")]
public interface IGreenItSettingsGrain : IGrainWithStringKey
{
    [Alias("SetTarget")]
    Task<Outcome<GreenItTarget>> SetTarget(GreenItTarget target, string actor);

    [Alias("Target")]
    Task<GreenItTarget?> Target();

    /// <summary>Imports an hourly dataset version; the same id@version with other figures is refused (versions are immutable).</summary>
    [Alias("ImportHourly")]
    Task<Outcome<string>> ImportHourly(HourlyIntensityDataset dataset, string actor);

    /// <summary>The named dataset (id@version), or with null the newest imported one, else the shipped one.</summary>
    [Alias("Hourly")]
    Task<HourlyIntensityDataset?> Hourly(string? reference);

    [Alias("HourlyDatasets")]
    Task<IReadOnlyList<string>> HourlyDatasets();
}
