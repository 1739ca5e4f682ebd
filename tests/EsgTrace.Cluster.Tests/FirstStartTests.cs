using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Cluster.Tests;

/// <summary>
/// The platform as a newcomer starts it (the portal process with its shipped appsettings.json, no ports configured):
/// two on one machine pick their own Orleans ports, the start ends with the address and the demo credentials, and an
/// occupied port stops the start with a message naming the port and the setting.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task Two_platforms_on_one_machine_start_without_configured_ports_and_end_with_the_address_and_credentials()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var (a, aAddress) = Start(first.Path, FreePort.Next());
        await using var _ = a;
        var (b, bAddress) = Start(second.Path, FreePort.Next());
        await using var __ = b;

        await a.WaitHealthyAsync(aAddress, TimeSpan.FromSeconds(120));
        await b.WaitHealthyAsync(bAddress, TimeSpan.FromSeconds(120));
        await WaitForAsync(() => a.Output.Contains("Ctrl+C stops it.", StringComparison.Ordinal), a);

        var lines = a.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var running = lines.FindIndex(l => l == $"EsgTrace is running: open {aAddress.GetLeftPart(UriPartial.Authority)}");
        var credentials = lines.FindIndex(l => l.Contains("username: admin", StringComparison.Ordinal) && l.Contains("password: ", StringComparison.Ordinal));
        Assert.True(running >= 0 && credentials >= 0, "The start-up output lacks the address or the credentials:\n" + a.Output);
        Assert.True(lines.Count - running <= 4, "The address is not among the last lines of the start-up:\n" + a.Output);
        Assert.True(lines.Count <= 40, $"The start-up printed {lines.Count} lines; Orleans' settings should stay quiet:\n" + a.Output);
        Assert.DoesNotContain("Participant check thread", a.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Participant check thread", b.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_occupied_silo_port_stops_the_start_with_a_message_naming_the_port_and_the_setting()
    {
        using var data = new TempDirectory();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (platform, _) = Start(data.Path, FreePort.Next(), new Dictionary<string, string> { ["Cluster__SiloPort"] = taken.ToString(CultureInfo.InvariantCulture) });
        await using var ___ = platform;
        var exitCode = await platform.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("   at ", platform.Output, StringComparison.Ordinal);
        Assert.Contains($"Port {taken} (Cluster:SiloPort) is already in use", platform.Output, StringComparison.Ordinal);
        Assert.Contains("Cluster__SiloPort=<port>", platform.Output, StringComparison.Ordinal);
    }

    private static (PlatformProcess Process, Uri Address) Start(string dataDirectory, int port, IReadOnlyDictionary<string, string>? extra = null)
    {
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        var settings = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = dataDirectory,
            ["Urls"] = address.GetLeftPart(UriPartial.Authority),
            ["Demo__SeedSupplyChain"] = "false",
            ["Claims__MonitorMinutes"] = "60",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return (PlatformProcess.Start("first-start:" + port.ToString(CultureInfo.InvariantCulture), PlatformBuild.PortalDll, settings), address);
    }

    private static async Task WaitForAsync(Func<bool> condition, PlatformProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{process} did not get there within 90 s:\n{process.Output}");
            }

            await Task.Delay(200);
        }
    }
}
