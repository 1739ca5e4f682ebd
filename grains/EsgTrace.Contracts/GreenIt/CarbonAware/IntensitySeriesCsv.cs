using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.GreenIt;

/// <summary>
/// Reads the import format for time-stamped intensity: CSV with the header region,start,end,kg_co2e_per_kwh,kind (any
/// order). region is "provider:region" (aws:eu-central-1, azure:westeurope, gcp:europe-west1, on-premises:DE); start and
/// end are ISO 8601 instants with an offset (2026-12-01T10:00:00Z), the end exclusive, whole minutes, at most 24 h apart;
/// kg_co2e_per_kwh is location-based, 0 to 3; kind is measured or forecast. Within one location and kind, periods do
/// not overlap. All or nothing: every problem is reported with its line.
/// </summary>
public static class IntensitySeriesCsv
{
    public const int MaxPoints = 100_000;

    public static readonly string[] Columns = ["region", "start", "end", "kg_co2e_per_kwh", "kind"];

    public static (IntensitySeries? Series, IReadOnlyList<string> Errors) Parse(
        string id, string version, string title, string source, string licence, Instant generatedAt, TextReader reader)
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

        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray() ?? [];
        if (header.Length != Columns.Length || Columns.Any(c => Array.IndexOf(header, c) < 0))
        {
            errors.Add($"Line 1: the header must name the columns {string.Join(",", Columns)} (each once).");
            return (null, errors);
        }

        int Col(string name) => Array.IndexOf(header, name);
        var (iRegion, iStart, iEnd, iValue, iKind) = (Col("region"), Col("start"), Col("end"), Col("kg_co2e_per_kwh"), Col("kind"));
        var rows = new List<(IntensityPoint Point, int Line)>();
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Trim().Length == 0)
            {
                continue;
            }

            if (rows.Count == MaxPoints)
            {
                errors.Add($"Line {line}: a dataset holds at most {MaxPoints:N0} rows; split the file by period.");
                break;
            }

            var cells = text.Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != Columns.Length)
            {
                errors.Add($"Line {line}: expected {Columns.Length} cells, found {cells.Length}.");
                continue;
            }

            var before = errors.Count;
            var parts = cells[iRegion].Split(':', 2);
            var provider = parts[0].ToLowerInvariant();
            if (parts.Length != 2 || !UsageCsv.Providers.Contains(provider) || parts[1].Trim().Length is 0 or > 100)
            {
                errors.Add($"Line {line}: region '{cells[iRegion]}' must be provider:region with provider one of {string.Join(", ", UsageCsv.Providers)}, e.g. aws:eu-central-1.");
            }

            var start = Time(cells[iStart], "start");
            var end = Time(cells[iEnd], "end");
            if (start is { } s && end is { } e && (e <= s || e - s > Duration.FromHours(24)))
            {
                errors.Add($"Line {line}: end must come after start, by at most 24 hours.");
            }

            if (!decimal.TryParse(cells[iValue], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 3)
            {
                errors.Add($"Line {line}: kg_co2e_per_kwh '{cells[iValue]}' is not an intensity from 0 to 3 kg CO2e/kWh (use '.' for decimals).");
            }

            IntensityKind? kind = cells[iKind].ToLowerInvariant() switch { "measured" => IntensityKind.Measured, "forecast" => IntensityKind.Forecast, _ => null };
            if (kind is null)
            {
                errors.Add($"Line {line}: kind '{cells[iKind]}' must be measured or forecast.");
            }

            if (errors.Count == before)
            {
                rows.Add((new IntensityPoint(HourlyIntensityDataset.RegionKey(provider, parts[1]), start!.Value, end!.Value, value, kind!.Value), line));
            }

            Instant? Time(string cell, string column)
            {
                var parsed = OffsetDateTimePattern.ExtendedIso.Parse(cell);
                if (!parsed.Success)
                {
                    errors.Add($"Line {line}: {column} '{cell}' is not an ISO 8601 time with an offset, e.g. 2026-12-01T10:00:00Z.");
                    return null;
                }

                var instant = parsed.Value.ToInstant();
                if (instant.ToUnixTimeTicks() % NodaConstants.TicksPerMinute != 0)
                {
                    errors.Add($"Line {line}: {column} '{cell}' must be a whole minute.");
                    return null;
                }

                return instant;
            }
        }

        var sorted = rows.OrderBy(r => r.Point.Location, StringComparer.Ordinal).ThenBy(r => r.Point.Kind).ThenBy(r => r.Point.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            var (previous, current) = (sorted[i - 1], sorted[i]);
            if (previous.Point.Location == current.Point.Location && previous.Point.Kind == current.Point.Kind && current.Point.Start < previous.Point.End)
            {
                errors.Add($"Line {current.Line}: {current.Point.Location} {current.Point.Kind.ToString().ToLowerInvariant()} overlaps line {previous.Line}; periods of one location and kind must not overlap.");
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add("The file has no rows.");
        }

        return errors.Count > 0
            ? (null, errors)
            : (new IntensitySeries(id, version, string.IsNullOrWhiteSpace(title) ? id : title.Trim(), source.Trim(), licence, generatedAt, sorted.Select(r => r.Point).ToList()), []);
    }
}
