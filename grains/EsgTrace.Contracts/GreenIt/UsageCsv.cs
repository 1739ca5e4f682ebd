using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.GreenIt;

/// <summary>
/// Reads usage CSV (RFC 4180, comma-separated, header row, close to cloud billing exports). Columns, by name in any order:
/// workload_id, period_start, period_end (yyyy-MM-dd, inclusive), provider (aws, azure, gcp, on-premises), region,
/// vcpu_hours, cpu_utilisation_percent (optional), memory_gb_hours, ssd_tb_hours, hdd_tb_hours, network_gb,
/// replication_factor (optional, default 1), measured_kwh (optional), functional_units (optional), gpu_hours and
/// gpu_utilisation_percent (optional; GPU card-hours, priced by the workload's card).
/// Streams rows; every bad cell is reported with its line and column.
/// </summary>
public static class UsageCsv
{
    public static readonly string[] Required = ["workload_id", "period_start", "period_end", "provider", "region", "vcpu_hours", "memory_gb_hours", "ssd_tb_hours", "hdd_tb_hours", "network_gb"];
    public static readonly string[] Providers = ["aws", "azure", "gcp", "on-premises"];

    /// <summary>Parses every row; yields each row or the errors of that row.</summary>
    public static IEnumerable<(UsageRow? Row, IReadOnlyList<UsageRowError> Errors, long Line)> Read(TextReader reader)
    {
        long line = 0;
        var header = ReadRecord(reader, ref line);
        if (header is null)
        {
            yield return (null, [new UsageRowError(1, "(header)", "The file is empty; the first line must name the columns.")], 1);
            yield break;
        }

        var named = header.Select((name, i) => (Name: name.Trim().ToLowerInvariant(), Index: i)).ToList();
        if (named.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            yield return (null, [new UsageRowError(1, twice.Key, "The header names this column more than once; name each column once.")], 1);
            yield break;
        }

        var columns = named.ToDictionary(c => c.Name, c => c.Index);
        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            yield return (null, [new UsageRowError(1, string.Join(", ", missing), "Required column(s) missing from the header.")], 1);
            yield break;
        }

        while (true)
        {
            var startLine = line + 1;
            var record = ReadRecord(reader, ref line);
            if (record is null)
            {
                yield break;
            }

            if (record.Count == 1 && string.IsNullOrWhiteSpace(record[0]))
            {
                continue;
            }

            var (row, errors) = Parse(record, columns, startLine);
            yield return (row, errors, startLine);
        }
    }

    private static (UsageRow? Row, IReadOnlyList<UsageRowError> Errors) Parse(IReadOnlyList<string> cells, Dictionary<string, int> columns, long line)
    {
        var errors = new List<UsageRowError>();
        string Cell(string column) => columns.TryGetValue(column, out var i) && i < cells.Count ? cells[i].Trim() : string.Empty;

        decimal Number(string column, bool required = true, decimal? fallback = null)
        {
            var text = Cell(column);
            if (text.Length == 0)
            {
                if (required)
                {
                    errors.Add(new UsageRowError(line, column, "A number is required."));
                }

                return fallback ?? 0;
            }

            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                errors.Add(new UsageRowError(line, column, $"'{text}' is not a number of zero or more (use '.' for decimals)."));
                return 0;
            }

            return value;
        }

        LocalDate Date(string column)
        {
            var parsed = LocalDatePattern.Iso.Parse(Cell(column));
            if (!parsed.Success)
            {
                errors.Add(new UsageRowError(line, column, $"'{Cell(column)}' is not a date of the form yyyy-MM-dd."));
                return default;
            }

            return parsed.Value;
        }

        var workload = Cell("workload_id");
        if (!EsgTrace.Domain.Validation.IsId(workload))
        {
            errors.Add(new UsageRowError(line, "workload_id", "A workload id is 1-100 characters: letters, digits, '.', '-', '_' or ':'."));
        }

        var start = Date("period_start");
        var end = Date("period_end");
        if (errors.All(e => !e.Column.StartsWith("period", StringComparison.Ordinal)) && end < start)
        {
            errors.Add(new UsageRowError(line, "period_end", "The period cannot end before it starts."));
        }

        var provider = Cell("provider").ToLowerInvariant();
        if (!Providers.Contains(provider))
        {
            errors.Add(new UsageRowError(line, "provider", $"'{Cell("provider")}' is not one of {string.Join(", ", Providers)}."));
        }

        var region = Cell("region");
        if (region.Length is 0 or > 100)
        {
            errors.Add(new UsageRowError(line, "region", "A region or site name of 1-100 characters is required."));
        }

        var utilisation = Cell("cpu_utilisation_percent").Length == 0 ? (decimal?)null : Number("cpu_utilisation_percent");
        if (utilisation > 100)
        {
            errors.Add(new UsageRowError(line, "cpu_utilisation_percent", "Utilisation is a percentage from 0 to 100."));
        }

        var gpuUtilisation = Cell("gpu_utilisation_percent").Length == 0 ? (decimal?)null : Number("gpu_utilisation_percent");
        if (gpuUtilisation > 100)
        {
            errors.Add(new UsageRowError(line, "gpu_utilisation_percent", "GPU utilisation is a percentage from 0 to 100."));
        }

        var replication = Number("replication_factor", required: false, fallback: 1);
        if (replication < 1 || replication != decimal.Truncate(replication) || replication > 10)
        {
            errors.Add(new UsageRowError(line, "replication_factor", "The replication factor is a whole number from 1 to 10."));
        }

        var usage = new ItUsage(Number("vcpu_hours"), utilisation, Number("memory_gb_hours"), Number("ssd_tb_hours"), Number("hdd_tb_hours"), Number("network_gb"),
            (int)Math.Clamp(replication, 1, 10), Cell("measured_kwh").Length == 0 ? null : Number("measured_kwh"),
            Number("gpu_hours", required: false, fallback: 0), gpuUtilisation);
        var units = Cell("functional_units").Length == 0 ? (decimal?)null : Number("functional_units");
        return errors.Count > 0 ? (null, errors) : (new UsageRow(workload, start, end, provider, region, usage, units), []);
    }

    /// <summary>Reads one RFC 4180 record (quoted fields may hold commas, quotes and line breaks); null at the end.</summary>
    private static List<string>? ReadRecord(TextReader reader, ref long line)
    {
        var first = reader.Peek();
        if (first < 0)
        {
            return null;
        }

        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        line++;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                cells.Add(cell.ToString());
                return cells;
            }

            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        cell.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    cell.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    return cells;
                default:
                    cell.Append((char)c);
                    break;
            }
        }
    }
}
