using System.Diagnostics;
using System.Text.RegularExpressions;

namespace EsgTrace.Testing;

/// <summary>
/// A real Azurite for tests: started from the repository's pinned npm package as a child process with in-memory persistence,
/// on ports the OS picks (read back from its output, so no port races), and killed with its whole process tree on dispose.
/// When AZURITE_CONNECTION_STRING is set, that external Azurite (or Docker/Testcontainers-run one) is used instead.
/// </summary>
public sealed partial class AzuriteInstance : IAsyncDisposable
{
    /// <summary>Azurite's published development account and key (documented by Microsoft for the emulator).</summary>
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private int _blobPort;
    private int _tablePort;

    private AzuriteInstance(string connectionString, Process? process)
    {
        ConnectionString = connectionString;
        _process = process;
    }

    public string ConnectionString { get; private set; }

    public bool IsExternal => _process is null && _blobPort == 0;

    public int BlobPort => _blobPort;

    public int TablePort => _tablePort;

    /// <summary>The connection string for the same account reached through other ports (e.g. <see cref="TcpGate"/>s).</summary>
    public string ConnectionStringVia(int blobPort, int tablePort) => $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevAccount};TableEndpoint=http://127.0.0.1:{tablePort}/{DevAccount};";

    public static async Task<AzuriteInstance> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("AZURITE_CONNECTION_STRING");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new AzuriteInstance(external, null);
        }

        var instance = new AzuriteInstance(string.Empty, null);
        await instance.LaunchAsync(blobPort: 0, tablePort: 0);
        return instance;
    }

    /// <summary>Kills Azurite (SIGKILL, whole tree) to simulate storage going away. In-memory data is lost.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts Azurite again on the same ports after <see cref="Kill"/>.</summary>
    public Task RestartAsync() => IsExternal ? throw new InvalidOperationException("An external Azurite cannot be restarted.") : LaunchAsync(_blobPort, _tablePort);

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private async Task LaunchAsync(int blobPort, int tablePort)
    {
        var script = Path.Combine(RepositoryRoot.Path, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run `npm ci` in {RepositoryRoot.Path} (the README's test command, ./test.sh, does it), or set AZURITE_CONNECTION_STRING to an Azurite you run yourself.");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        foreach (var arg in new[]
        {
            script, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", "0",
            "--tableHost", "127.0.0.1", "--tablePort", tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js (`node`) is needed to run Azurite for the tests; install Node 20+ (the README lists it).", ex);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                var match = Listening().Match(line);
                if (match.Success)
                {
                    var port = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (match.Groups["service"].Value == "Blob")
                    {
                        _blobPort = port;
                    }
                    else if (match.Groups["service"].Value == "Table")
                    {
                        _tablePort = port;
                    }

                    if (_blobPort != 0 && _tablePort != 0)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("Azurite exited during start-up:\n" + output));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Kill();
            throw new InvalidOperationException("Azurite did not report its ports within 60 s:\n" + output);
        }

        ConnectionString = ConnectionStringVia(_blobPort, _tablePort);
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Table|Queue) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex Listening();
}
