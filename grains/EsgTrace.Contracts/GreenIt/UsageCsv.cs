using System.Globalization;
using NodaTime;

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
        var csv = new CsvRecordReader(reader);
        if (!csv.Read())
        {
            yield return (null, [new UsageRowError(1, "(header)", "The file is empty; the first line must name the columns.")], 1);
            yield break;
        }

        var named = Enumerable.Range(0, csv.Count).Select(i => (Name: csv.String(i).ToLowerInvariant(), Index: i)).ToList();
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

        var parser = new RowParser(csv, columns);
        while (csv.Read())
        {
            if (csv.IsBlank)
            {
                continue;
            }

            var (row, errors) = parser.Parse();
            yield return (row, errors, csv.StartLine);
        }
    }

    /// <summary>One file's column positions and the strings its rows repeat (ids, providers, regions), kept once.</summary>
    private sealed class RowParser(CsvRecordReader csv, Dictionary<string, int> columns)
    {
        private readonly int _workload = columns["workload_id"];
        private readonly int _start = columns["period_start"];
        private readonly int _end = columns["period_end"];
        private readonly int _provider = columns["provider"];
        private readonly int _region = columns["region"];
        private readonly int _vcpu = columns["vcpu_hours"];
        private readonly int _utilisation = columns.GetValueOrDefault("cpu_utilisation_percent", -1);
        private readonly int _memory = columns["memory_gb_hours"];
        private readonly int _ssd = columns["ssd_tb_hours"];
        private readonly int _hdd = columns["hdd_tb_hours"];
        private readonly int _network = columns["network_gb"];
        private readonly int _replication = columns.GetValueOrDefault("replication_factor", -1);
        private readonly int _measured = columns.GetValueOrDefault("measured_kwh", -1);
        private readonly int _units = columns.GetValueOrDefault("functional_units", -1);
        private readonly int _gpuHours = columns.GetValueOrDefault("gpu_hours", -1);
        private readonly int _gpuUtilisation = columns.GetValueOrDefault("gpu_utilisation_percent", -1);
        private readonly StringPool _strings = new();
        private readonly HashSet<string> _validIds = new(StringComparer.Ordinal);
        private List<UsageRowError>? _errors;

        public (UsageRow? Row, IReadOnlyList<UsageRowError> Errors) Parse()
        {
            _errors = null;
            var line = csv.StartLine;
            var workloadCell = Cell(_workload);
            var workload = _strings.Get(workloadCell);
            if (!_validIds.Contains(workload) && !(EsgTrace.Domain.Validation.IsId(workload) && _validIds.Add(workload)))
            {
                Error(line, "workload_id", "A workload id is 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
            }

            var start = Date(_start, "period_start", line, out var startOk);
            var end = Date(_end, "period_end", line, out var endOk);
            if (startOk && endOk && end < start)
            {
                Error(line, "period_end", "The period cannot end before it starts.");
            }

            var providerCell = Cell(_provider);
            var provider = KnownProvider(providerCell);
            if (provider is null)
            {
                Error(line, "provider", $"'{providerCell}' is not one of {string.Join(", ", Providers)}.");
            }

            var regionCell = Cell(_region);
            if (regionCell.Length is 0 or > 100)
            {
                Error(line, "region", "A region or site name of 1-100 characters is required.");
            }

            var utilisation = Cell(_utilisation).Length == 0 ? (decimal?)null : Number(_utilisation, "cpu_utilisation_percent", line);
            if (utilisation > 100)
            {
                Error(line, "cpu_utilisation_percent", "Utilisation is a percentage from 0 to 100.");
            }

            var gpuUtilisation = Cell(_gpuUtilisation).Length == 0 ? (decimal?)null : Number(_gpuUtilisation, "gpu_utilisation_percent", line);
            if (gpuUtilisation > 100)
            {
                Error(line, "gpu_utilisation_percent", "GPU utilisation is a percentage from 0 to 100.");
            }

            var replication = Number(_replication, "replication_factor", line, required: false, fallback: 1);
            if (replication < 1 || replication != decimal.Truncate(replication) || replication > 10)
            {
                Error(line, "replication_factor", "The replication factor is a whole number from 1 to 10.");
            }

            var usage = new ItUsage(Number(_vcpu, "vcpu_hours", line), utilisation, Number(_memory, "memory_gb_hours", line), Number(_ssd, "ssd_tb_hours", line),
                Number(_hdd, "hdd_tb_hours", line), Number(_network, "network_gb", line), (int)Math.Clamp(replication, 1, 10),
                Cell(_measured).Length == 0 ? null : Number(_measured, "measured_kwh", line),
                Number(_gpuHours, "gpu_hours", line, required: false, fallback: 0), gpuUtilisation);
            var units = Cell(_units).Length == 0 ? (decimal?)null : Number(_units, "functional_units", line);
            return _errors is not null ? (null, _errors) : (new UsageRow(workload, start, end, provider!, _strings.Get(regionCell), usage, units), []);
        }

        private ReadOnlySpan<char> Cell(int index) => index < 0 ? [] : csv[index].Trim();

        private void Error(long line, string column, string message) => (_errors ??= []).Add(new UsageRowError(line, column, message));

        private decimal Number(int index, string column, long line, bool required = true, decimal? fallback = null)
        {
            var text = Cell(index);
            if (text.Length == 0)
            {
                if (required)
                {
                    Error(line, column, "A number is required.");
                }

                return fallback ?? 0;
            }

            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                Error(line, column, $"'{text}' is not a number of zero or more (use '.' for decimals).");
                return 0;
            }

            return value;
        }

        private LocalDate Date(int index, string column, long line, out bool ok)
        {
            var text = Cell(index);
            if (IsoDates.TryParse(text, out var date))
            {
                ok = true;
                return date;
            }

            ok = false;
            Error(line, column, $"'{text}' is not a date of the form yyyy-MM-dd.");
            return default;
        }

        private static string? KnownProvider(ReadOnlySpan<char> cell)
        {
            foreach (var p in Providers)
            {
                if (cell.Equals(p, StringComparison.OrdinalIgnoreCase))
                {
                    return p;
                }
            }

            return null;
        }
    }
}
