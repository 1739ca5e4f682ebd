namespace EsgTrace.GreenIt;

/// <summary>One line of an import file read: a usage row, the errors of a malformed line, or a charge no rule maps (reported, never guessed).</summary>
public readonly record struct UsageRead(UsageRow? Row, IReadOnlyList<UsageRowError> Errors, long Line, UnmappedCharge? Unmapped = null);

/// <summary>A file format that yields usage rows: our usage CSV, or a FOCUS billing export read through the CIO's mapping rules.</summary>
public interface IUsageSource
{
    /// <summary>The format's name as imports record it ("usage-csv", "focus").</summary>
    string Format { get; }

    IEnumerable<UsageRead> Read(TextReader reader);
}

/// <summary>Our own usage CSV (<see cref="UsageCsv"/>).</summary>
public sealed class UsageCsvSource : IUsageSource
{
    public static UsageCsvSource Instance { get; } = new();

    public string Format => UsageImportFormats.UsageCsv;

    public IEnumerable<UsageRead> Read(TextReader reader)
    {
        foreach (var (row, errors, line) in UsageCsv.Read(reader))
        {
            yield return new UsageRead(row, errors, line);
        }
    }
}
