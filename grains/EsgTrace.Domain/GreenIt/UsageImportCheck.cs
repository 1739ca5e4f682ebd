using System.Text;

namespace EsgTrace.GreenIt;

/// <summary>The result of checking a whole usage file before anything is written.</summary>
[GenerateSerializer, Immutable, Alias("esg.usage-import-check")]
public sealed record UsageImportCheck(long Rows, int Workloads, long ErrorCount, IReadOnlyList<UsageRowError> Errors)
{
    public bool IsValid => ErrorCount == 0 && Rows > 0;
}

/// <summary>
/// First pass of an import: reads every row (streaming, nothing kept but counts), checks each cell and that each region
/// is one the method has a grid factor for, and keeps the first <see cref="MaxErrorsReported"/> errors.
/// </summary>
public static class UsageImportChecker
{
    public const int MaxErrorsReported = 200;

    public static UsageImportCheck Check(Stream csv, Action<long>? progress = null)
    {
        using var reader = new StreamReader(csv, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var errors = new List<UsageRowError>();
        var errorCount = 0L;
        var rows = 0L;
        var workloads = new HashSet<string>(StringComparer.Ordinal);
        var regions = new Dictionary<(string, string), string?>();
        foreach (var (row, rowErrors, line) in UsageCsv.Read(reader))
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

                workloads.Add(row.WorkloadId);
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

        return new UsageImportCheck(rows, workloads.Count, errorCount, errors);
    }
}
