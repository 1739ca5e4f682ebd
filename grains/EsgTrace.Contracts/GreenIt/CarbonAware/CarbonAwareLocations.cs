using EsgTrace.Domain;

namespace EsgTrace.GreenIt;

/// <summary>
/// Location names in the Carbon Aware API: where the SDK names a provider's region ("eastus"), we name it with its
/// provider ("azure:eastus", "aws:eu-central-1"), since the same region name means different grids at different providers.
/// </summary>
public static class CarbonAwareLocations
{
    public const int MaxLocations = 20;

    public static (IReadOnlyList<string> Keys, DomainProblem? Problem) Parse(IReadOnlyList<string>? locations)
    {
        var given = (locations ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        if (given.Count == 0)
        {
            return ([], DomainProblem.Invalid("location", "location is not set: name one or more locations as provider:region, e.g. location=aws:eu-central-1."));
        }

        if (given.Count > MaxLocations)
        {
            return ([], DomainProblem.Invalid("location", $"Ask for at most {MaxLocations} locations at once."));
        }

        var keys = new List<string>();
        foreach (var location in given)
        {
            var parts = location.Trim().Split(':', 2);
            var provider = parts[0].ToLowerInvariant();
            if (parts.Length != 2 || !UsageCsv.Providers.Contains(provider) || parts[1].Trim().Length is 0 or > 100)
            {
                return ([], DomainProblem.Invalid("location", $"location '{location}' must be provider:region with provider one of {string.Join(", ", UsageCsv.Providers)}, e.g. aws:eu-central-1."));
            }

            keys.Add(HourlyIntensityDataset.RegionKey(provider, parts[1]));
        }

        return (keys.Distinct().ToList(), null);
    }
}
