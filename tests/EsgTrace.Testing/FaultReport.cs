namespace EsgTrace.Testing;

/// <summary>
/// The counts a fault or fuzz test ends with (requests sent, acknowledged, found stored; requests by status), appended to the file named by
/// ESGTRACE_FAULT_REPORT (./test.sh prints it after the run), and to the test's own output.
/// </summary>
public static class FaultReport
{
    private static readonly object Gate = new();

    public static void Write(Xunit.Abstractions.ITestOutputHelper output, string test, string line)
    {
        output.WriteLine(line);
        var file = Environment.GetEnvironmentVariable("ESGTRACE_FAULT_REPORT");
        if (string.IsNullOrWhiteSpace(file))
        {
            return;
        }

        lock (Gate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            File.AppendAllText(file, $"{test}: {line}{Environment.NewLine}");
        }
    }
}
