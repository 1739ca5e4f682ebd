namespace EsgTrace.GreenIt;

/// <summary>Merges the measured points of several imported datasets into one non-overlapping series per location.</summary>
public static class MeasuredIntensity
{
    /// <summary>
    /// Takes the datasets newest import first: a point of an older dataset is kept only where no newer dataset already
    /// covers any part of its period, so a re-measured hour replaces the earlier figure and nothing is counted twice.
    /// </summary>
    public static IReadOnlyList<SourcedPoint> Merge(IEnumerable<(string Dataset, IReadOnlyList<IntensityPoint> Points)> newestFirst)
    {
        var kept = new Dictionary<string, List<SourcedPoint>>(StringComparer.Ordinal);
        foreach (var (dataset, points) in newestFirst)
        {
            foreach (var group in points.Where(p => p.Kind == IntensityKind.Measured).GroupBy(p => p.Location))
            {
                var list = kept.TryGetValue(group.Key, out var l) ? l : kept[group.Key] = [];
                var taken = list.Select(p => p.Point).OrderBy(p => p.Start).ToList();
                foreach (var p in group)
                {
                    if (!Overlaps(taken, p))
                    {
                        list.Add(new SourcedPoint(p, dataset));
                    }
                }
            }
        }

        return kept.Values.SelectMany(l => l).OrderBy(p => p.Point.Location, StringComparer.Ordinal).ThenBy(p => p.Point.Start).ToList();
    }

    private static bool Overlaps(List<IntensityPoint> sorted, IntensityPoint p)
    {
        // Binary search for the last taken point starting before p ends; it (or none) is the only one that can overlap,
        // since taken points do not overlap each other.
        int lo = 0, hi = sorted.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].Start < p.End)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && sorted[found].End > p.Start;
    }
}
