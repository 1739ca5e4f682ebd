using System.Globalization;
using System.Text.Json;
using EsgTrace.Time;

namespace EsgTrace.GreenIt;

/// <summary>
/// Grid intensity by UTC hour of day (24 values, kg CO2e/kWh) per region keyed "provider:REGION", as a named, versioned
/// dataset with its source. Carbon-aware advice reads it; a measured dataset can be imported beside the shipped one.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.hourly-intensity-dataset")]
public sealed record HourlyIntensityDataset(string Id, string Version, string Title, string Source, string Licence, string? Note, IReadOnlyDictionary<string, decimal[]> Regions)
{
    public string Ref => $"{Id}@{Version}";

    /// <summary>The dataset EsgTrace ships: CCF daily means with an illustrative shape over the day (labelled as such).</summary>
    public static HourlyIntensityDataset Shipped { get; } = LoadShipped();

    public static string RegionKey(string provider, string region) => provider + ":" + GridIntensities.Key(provider, region);

    public decimal[]? Profile(string provider, string region) => Regions.TryGetValue(RegionKey(provider, region), out var p) ? p : null;

    /// <summary>
    /// Parses an import: CSV with header region,hour_utc,kg_co2e_per_kwh where region is "provider:region" and every region
    /// gives all 24 hours once. Returns the dataset or every problem found (line and reason).
    /// </summary>
    public static (HourlyIntensityDataset? Dataset, IReadOnlyList<string> Errors) ParseCsv(string id, string version, string title, string source, string licence, TextReader reader)
    {
        var errors = new List<string>();
        if (!EsgTrace.Domain.Validation.IsId(id) || !EsgTrace.Domain.Validation.IsId(version))
        {
            errors.Add("'id' and 'version' are 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add("'source' must say where the figures come from (publisher, dataset, date).");
        }

        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header is not ["region", "hour_utc", "kg_co2e_per_kwh"])
        {
            errors.Add("Line 1: the header must be region,hour_utc,kg_co2e_per_kwh.");
            return (null, errors);
        }

        var regions = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            var cells = text.Split(',');
            if (cells.Length != 3)
            {
                errors.Add($"Line {line}: expected 3 cells, found {cells.Length}.");
                continue;
            }

            var parts = cells[0].Trim().Split(':', 2);
            if (parts.Length != 2 || !UsageCsv.Providers.Contains(parts[0].ToLowerInvariant()) || parts[1].Length == 0)
            {
                errors.Add($"Line {line}: region '{cells[0]}' must be provider:region, e.g. aws:eu-central-1.");
                continue;
            }

            if (!int.TryParse(cells[1], NumberStyles.None, CultureInfo.InvariantCulture, out var hour) || hour > 23)
            {
                errors.Add($"Line {line}: hour_utc '{cells[1]}' must be a whole hour from 0 to 23.");
                continue;
            }

            if (!decimal.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 3)
            {
                errors.Add($"Line {line}: '{cells[2]}' is not an intensity from 0 to 3 kg CO2e/kWh.");
                continue;
            }

            var key = RegionKey(parts[0].ToLowerInvariant(), parts[1]);
            var hours = regions.TryGetValue(key, out var h) ? h : regions[key] = new decimal?[24];
            if (hours[hour] is not null)
            {
                errors.Add($"Line {line}: {key} hour {hour} is given twice.");
            }

            hours[hour] = value;
        }

        foreach (var (key, hours) in regions.Where(r => r.Value.Any(v => v is null)))
        {
            errors.Add($"{key}: hours {string.Join(", ", Enumerable.Range(0, 24).Where(i => hours[i] is null))} are missing; every region needs all 24.");
        }

        if (regions.Count == 0)
        {
            errors.Add("The file has no rows.");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new HourlyIntensityDataset(id, version, title.Length > 0 ? title : id, source, licence, null, regions.ToDictionary(r => r.Key, r => r.Value.Select(v => v!.Value).ToArray())), []);
    }

    private static HourlyIntensityDataset LoadShipped()
    {
        using var stream = typeof(HourlyIntensityDataset).Assembly.GetManifestResourceStream("EsgTrace.GreenIt.esgtrace-illustrative-hourly-2026.1.json")
            ?? throw new InvalidOperationException("The shipped hourly intensity dataset is missing.");
        var file = JsonSerializer.Deserialize<File>(stream, EsgJson.Options)!;
        return new HourlyIntensityDataset(file.Id, file.Version, file.Title, file.Source, file.Licence, file.Note, file.Regions);
    }

    private sealed record File(string Id, string Version, string Title, string Source, string Licence, string? Note, Dictionary<string, decimal[]> Regions);
}
