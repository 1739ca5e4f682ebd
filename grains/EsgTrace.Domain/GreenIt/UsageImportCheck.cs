using System.Text;

namespace EsgTrace.GreenIt;

/// <summary>
/// The result of checking a whole import file before anything is written: data lines read, workloads they map to, the
/// malformed lines (any refuses the file), and the charges no rule maps, summed by reason (reported; the rest is imported).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.usage-import-check")]
public sealed record UsageImportCheck(long Rows, int Workloads, long ErrorCount, IReadOnlyList<UsageRowError> Errors, IReadOnlyList<UnmappedSummary>? Unmapped = null)
{
    public bool IsValid => ErrorCount == 0 && Rows > 0;

    /// <summary>Lines not imported at all (no rule maps them); lines whose cost was kept but energy not estimated are not among them.</summary>
    public long UnmappedRows => Unmapped?.Where(u => !u.Attributed).Sum(u => u.Lines) ?? 0;
}

/// <summary>
/// First pass of an import: reads every row (streaming, nothing kept but counts), checks each cell and that each region
/// is one the method has a grid factor for, and keeps the first <see cref="MaxErrorsReported"/> errors.
/// </summary>
public static class UsageImportChecker
{
    public const int MaxErrorsReported = 200;

    /// <summary>Example line numbers kept per unmapped reason.</summary>
    public const int MaxExampleLines = 20;

    public static UsageImportCheck Check(Stream csv, Action<long>? progress = null) => Check(csv, UsageCsvSource.Instance, progress);

    public static UsageImportCheck Check(Stream csv, IUsageSource source, Action<long>? progress = null)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var errors = new List<UsageRowError>();
        var errorCount = 0L;
        var rows = 0L;
        var workloads = new HashSet<string>(StringComparer.Ordinal);
        var regions = new Dictionary<(string, string), string?>();
        var unmapped = new Dictionary<string, (long Lines, bool Attributed, Dictionary<string, UsageCost> Cost, List<long> Examples)>(StringComparer.Ordinal);
        string? lastWorkload = null;
        foreach (var (row, rowErrors, line, charge) in source.Read(reader))
        {
            if (line > 1)
            {
                rows++;
            }

            if (row is not null)
            {
                if (!regions.TryGetValue((row.Provider, row.Region), out var problem))
                {
                    GridIntensities.Resolve(row.Provider, row.Region, null, out problem);
                    regions[(row.Provider, row.Region)] = problem;
                }

                if (problem is not null)
                {
                    errorCount++;
                    if (errors.Count < MaxErrorsReported)
                    {
                        errors.Add(new UsageRowError(line, "region", problem));
                    }
                }

                if (!ReferenceEquals(row.WorkloadId, lastWorkload))
                {
                    workloads.Add(row.WorkloadId);
                    lastWorkload = row.WorkloadId;
                }
            }

            if (charge is not null)
            {
                if (!unmapped.TryGetValue(charge.Reason, out var u))
                {
                    unmapped[charge.Reason] = u = (0, charge.Attributed, new Dictionary<string, UsageCost>(StringComparer.Ordinal), []);
                }

                if (charge.Cost is { } cost)
                {
                    u.Cost[cost.Currency] = u.Cost.TryGetValue(cost.Currency, out var sum) ? sum.Plus(cost) : cost;
                }

                if (u.Examples.Count < MaxExampleLines)
                {
                    u.Examples.Add(charge.Line);
                }

                unmapped[charge.Reason] = (u.Lines + 1, u.Attributed, u.Cost, u.Examples);
            }

            foreach (var error in rowErrors)
            {
                errorCount++;
                if (errors.Count < MaxErrorsReported)
                {
                    errors.Add(error);
                }
            }

            if (rows % 100_000 == 0)
            {
                progress?.Invoke(rows);
            }
        }

        if (rows == 0 && errorCount == 0)
        {
            errors.Add(new UsageRowError(2, "(rows)", "The file has a header but no usage rows."));
            errorCount = 1;
        }

        var summaries = unmapped.OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => new UnmappedSummary(u.Key, u.Value.Attributed, u.Value.Lines, u.Value.Cost.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value).ToList(), u.Value.Examples))
            .ToList();
        return new UsageImportCheck(rows, workloads.Count, errorCount, errors, summaries);
    }
}
