using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.GreenIt;

/// <summary>
/// Reads the providers' carbon exports as CSV, in their published column shapes (header names as the providers document
/// them, any order, other columns ignored):
/// <list type="bullet">
/// <item>aws — the Carbon emissions data export of the Customer Carbon Footprint Tool: usage_period_start,
/// usage_account_id, product_code, region_code, total_lbm_emissions_value/_unit, total_mbm_emissions_value/_unit
/// (MTCO2e, metric tonnes), model_version.</item>
/// <item>azure — Carbon optimization emissions report rows: date (yyyy-MM-dd, the month), itemName, categoryType,
/// latestMonthEmissions (kgCO2E, Microsoft's total; the basis is not stated).</item>
/// <item>gcp — the Carbon Footprint export table: usage_month, project.id, service.description, location.region,
/// carbon_footprint_total_kgCO2e.location_based, carbon_footprint_total_kgCO2e.market_based, carbon_model_version.</item>
/// </list>
/// Every bad line is an error with its line and column; a file with any error is refused whole.
/// </summary>
public static class ProviderEmissionsCsv
{
    public const string LocationBased = "location-based";
    public const string MarketBased = "market-based";
    public const string AsReported = "as reported (basis not stated)";

    public static (IReadOnlyList<ProviderEmission> Records, IReadOnlyList<UsageRowError> Errors) Read(string provider, TextReader reader)
    {
        var errors = new List<UsageRowError>();
        var records = new List<ProviderEmission>();
        var csv = new CsvRecordReader(reader);
        if (!csv.Read())
        {
            return ([], [new UsageRowError(1, "(header)", "The file is empty; the first line must name the columns.")]);
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < csv.Count; i++)
        {
            columns.TryAdd(csv.String(i).TrimStart('\uFEFF'), i);
        }

        string[] required = provider switch
        {
            "aws" => ["usage_period_start", "usage_account_id", "product_code", "region_code", "total_lbm_emissions_value", "total_lbm_emissions_unit", "total_mbm_emissions_value", "total_mbm_emissions_unit", "model_version"],
            "azure" => ["date", "itemName", "categoryType", "latestMonthEmissions"],
            "gcp" => ["usage_month", "project.id", "service.description", "location.region", "carbon_footprint_total_kgCO2e.location_based", "carbon_footprint_total_kgCO2e.market_based", "carbon_model_version"],
            _ => [],
        };
        if (required.Length == 0)
        {
            return ([], [new UsageRowError(0, "provider", $"'{provider}' is not aws, azure or gcp.")]);
        }

        var missing = required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            return ([], [new UsageRowError(1, string.Join(", ", missing), $"Column(s) of the {provider} carbon export missing from the header.")]);
        }

        string Cell(string column) => csv.String(columns[column]);
        while (csv.Read())
        {
            if (csv.IsBlank)
            {
                continue;
            }

            var line = csv.StartLine;
            decimal? Kg(string value, string unit, string column)
            {
                var text = Cell(value);
                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
                {
                    errors.Add(new UsageRowError(line, column, $"'{text}' is not a number of zero or more."));
                    return null;
                }

                var u = unit.Trim().ToUpperInvariant();
                if (u is "MTCO2E" or "TCO2E")
                {
                    return number * 1000; // metric tonnes
                }

                if (u is "KGCO2E")
                {
                    return number;
                }

                errors.Add(new UsageRowError(line, column + " unit", $"Unit '{unit}' is not MTCO2e or kgCO2e."));
                return null;
            }

            LocalDate? Month(string column)
            {
                var text = Cell(column);
                var date = text.Length >= 10 && IsoDates.TryParse(text.AsSpan(0, 10), out var d) ? d : (LocalDate?)null;
                if (date is null || date.Value.Day != 1)
                {
                    errors.Add(new UsageRowError(line, column, $"'{text}' is not the first day of a month (yyyy-MM-01)."));
                    return null;
                }

                return date;
            }

            switch (provider)
            {
                case "aws":
                {
                    var month = Month("usage_period_start");
                    var lbm = Kg("total_lbm_emissions_value", Cell("total_lbm_emissions_unit"), "total_lbm_emissions_value");
                    var mbm = Kg("total_mbm_emissions_value", Cell("total_mbm_emissions_unit"), "total_mbm_emissions_value");
                    if (month is { } m && lbm is { } l && mbm is { } k)
                    {
                        records.Add(new ProviderEmission("aws", m, Cell("usage_account_id"), Cell("product_code"), Cell("region_code"), LocationBased, l, Cell("model_version")));
                        records.Add(new ProviderEmission("aws", m, Cell("usage_account_id"), Cell("product_code"), Cell("region_code"), MarketBased, k, Cell("model_version")));
                    }

                    break;
                }

                case "azure":
                {
                    var month = Month("date");
                    var kg = Kg("latestMonthEmissions", "kgCO2e", "latestMonthEmissions");
                    if (month is { } m && kg is { } v)
                    {
                        records.Add(new ProviderEmission("azure", m, Cell("categoryType") + ":" + Cell("itemName"), string.Empty, string.Empty, AsReported, v, "Azure carbon optimization"));
                    }

                    break;
                }

                default:
                {
                    var month = Month("usage_month");
                    var location = Kg("carbon_footprint_total_kgCO2e.location_based", "kgCO2e", "carbon_footprint_total_kgCO2e.location_based");
                    var market = Kg("carbon_footprint_total_kgCO2e.market_based", "kgCO2e", "carbon_footprint_total_kgCO2e.market_based");
                    if (month is { } m && location is { } l && market is { } k)
                    {
                        var model = "carbon model " + Cell("carbon_model_version");
                        records.Add(new ProviderEmission("gcp", m, Cell("project.id"), Cell("service.description"), Cell("location.region"), LocationBased, l, model));
                        records.Add(new ProviderEmission("gcp", m, Cell("project.id"), Cell("service.description"), Cell("location.region"), MarketBased, k, model));
                    }

                    break;
                }
            }
        }

        if (records.Count == 0 && errors.Count == 0)
        {
            errors.Add(new UsageRowError(2, "(rows)", "The file has a header but no rows."));
        }

        return errors.Count > 0 ? ([], errors) : (records, errors);
    }
}
