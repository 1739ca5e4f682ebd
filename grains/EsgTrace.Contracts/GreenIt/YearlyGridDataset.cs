using System.Globalization;

namespace EsgTrace.GreenIt;

/// <summary>One region's location-based grid intensity for one calendar year (kg CO2e/kWh).</summary>
[GenerateSerializer, Immutable, Alias("esg.yearly-grid-factor")]
public sealed record YearlyGridFactor(string Provider, string Region, int Year, decimal KgCo2ePerKwh);

/// <summary>
/// Grid intensity per region and calendar year, as a named, versioned dataset with its source and licence, immutable once
/// imported (like the product factor datasets): a result names <see cref="Ref"/> and the year it used, so it can be
/// recomputed later. Regions are keyed as the CCF dataset keys them (<see cref="GridIntensities.Key"/>), so "eu-central-1"
/// and "EU_CENTRAL_1" are one region.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.yearly-grid-dataset")]
public sealed record YearlyGridDataset(string Id, string Version, string Title, string Source, string Licence, IReadOnlyList<YearlyGridFactor> Factors)
{
    public string Ref => $"{Id}@{Version}";

    /// <summary>
    /// Parses an import: CSV with header provider,region,year,kg_co2e_per_kwh (one line per region and year, each once).
    /// Returns the dataset or every problem found (line and reason).
    /// </summary>
    public static (YearlyGridDataset? Dataset, IReadOnlyList<string> Errors) ParseCsv(string id, string version, string title, string source, string licence, TextReader reader)
    {
        var errors = new List<string>();
        if (!EsgTrace.Domain.Validation.IsId(id) || !EsgTrace.Domain.Validation.IsId(version) || id.Contains('@'))
        {
            errors.Add("'id' and 'version' are 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add("'source' must say where the figures come from (publisher, dataset, date).");
        }

        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (header is not ["provider", "region", "year", "kg_co2e_per_kwh"])
        {
            errors.Add("Line 1: the header must be provider,region,year,kg_co2e_per_kwh.");
            return (null, errors);
        }

        var factors = new List<YearlyGridFactor>();
        var seen = new HashSet<(string, string, int)>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            var cells = text.Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != 4)
            {
                errors.Add($"Line {line}: expected 4 cells, found {cells.Length}.");
                continue;
            }

            var provider = cells[0].ToLowerInvariant();
            if (!UsageCsv.Providers.Contains(provider))
            {
                errors.Add($"Line {line}: provider '{cells[0]}' is not one of {string.Join(", ", UsageCsv.Providers)}.");
            }

            if (cells[1].Length is 0 or > 100)
            {
                errors.Add($"Line {line}: a region of 1-100 characters is required.");
            }

            if (!int.TryParse(cells[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1990 or > 2100)
            {
                errors.Add($"Line {line}: '{cells[2]}' is not a year from 1990 to 2100.");
            }

            if (!decimal.TryParse(cells[3], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var kg) || kg > 3)
            {
                errors.Add($"Line {line}: '{cells[3]}' is not an intensity from 0 to 3 kg CO2e/kWh.");
            }

            var key = provider == "on-premises" ? cells[1].ToUpperInvariant() : GridIntensities.Key(provider, cells[1]);
            if (!seen.Add((provider, key, year)))
            {
                errors.Add($"Line {line}: {provider} {key} {year} is given twice.");
            }

            factors.Add(new YearlyGridFactor(provider, key, year, kg));
        }

        if (factors.Count == 0 && errors.Count == 0)
        {
            errors.Add("The file has a header but no factors.");
        }

        return errors.Count > 0 ? (null, errors) : (new YearlyGridDataset(id, version, title.Length == 0 ? id : title, source, licence, factors), errors);
    }
}
