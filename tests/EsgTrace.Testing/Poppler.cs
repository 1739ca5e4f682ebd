using System.Diagnostics;

namespace EsgTrace.Testing;

/// <summary>Runs poppler-utils (pdfsig, pdfdetach, pdftotext); fails with how to install them when they are missing.</summary>
public static class Poppler
{
    public static (int Exit, string Output) Run(string tool, params string[] args)
    {
        var path = $"/usr/bin/{tool}";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{tool} is missing: install Debian's {(tool == "openssl" ? "openssl" : "poppler-utils")} (`sudo apt-get install {(tool == "openssl" ? "openssl" : "poppler-utils")}`; ./test.sh does it).");
        }

        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit(60_000);
        return (process.ExitCode, output);
    }
}
