namespace EsgTrace.GreenIt;

/// <summary>Reads the imported intensity datasets for the calculators: the merged measured series and each location's current forecast.</summary>
public static class IntensityData
{
    public static async Task<IReadOnlyList<IntensitySeries>> AllAsync(IGrainFactory grains)
    {
        var listed = await grains.GetGrain<IIntensityCatalogGrain>("default").List();
        var series = await Task.WhenAll(listed.Select(d => grains.GetGrain<IIntensitySeriesGrain>(d.Ref).Get()));
        return series.OfType<IntensitySeries>().ToList();
    }

    /// <summary>Measured points of every dataset, a newer import replacing an older one where both cover the same time.</summary>
    public static IReadOnlyList<SourcedPoint> Measured(IReadOnlyList<IntensitySeries> importOrder)
        => MeasuredIntensity.Merge(importOrder.Reverse().Select(s => (s.Ref, s.Points)));

    /// <summary>Per location, the forecast points of the dataset whose forecast was generated last (a later import on a tie).</summary>
    public static IReadOnlyDictionary<string, CurrentForecast> CurrentForecasts(IReadOnlyList<IntensitySeries> importOrder)
    {
        var current = new Dictionary<string, CurrentForecast>(StringComparer.Ordinal);
        foreach (var series in importOrder)
        {
            foreach (var group in series.Points.Where(p => p.Kind == IntensityKind.Forecast).GroupBy(p => p.Location))
            {
                if (!current.TryGetValue(group.Key, out var held) || series.GeneratedAt >= held.GeneratedAt)
                {
                    current[group.Key] = new CurrentForecast(group.Key, series.Ref, series.GeneratedAt, group.OrderBy(p => p.Start).ToList());
                }
            }
        }

        return current;
    }
}
