namespace EsgTrace.GreenIt;

/// <summary>The organisation's green-IT target and the hourly intensity datasets it imported (immutable once imported).</summary>
public sealed class GreenItSettingsState
{
    public GreenItTarget? Target { get; set; }

    public List<HourlyIntensityDataset> HourlyDatasets { get; set; } = [];
}
