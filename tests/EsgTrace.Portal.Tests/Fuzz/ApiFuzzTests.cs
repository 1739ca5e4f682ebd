using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using CsCheck;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using Xunit.Abstractions;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>
/// Every operation of the portal's OpenAPI document (read over HTTP, so a new endpoint is fuzzed without touching this
/// test) called with CsCheck-generated path parameters, query parameters and bodies, anonymously and with an API key of a
/// role allowed to call it. Properties: never a 5xx (503 included: the storage is up), a 4xx on /api is problem details,
/// a refused write leaves nothing behind. A broken property is shrunk by CsCheck to the smallest request that breaks it.
/// Replay a run with ESGTRACE_FUZZ_SEED=&lt;seed printed&gt;; ESGTRACE_FUZZ_CASES sets the cases per operation.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class ApiFuzzTests(FuzzPortalFixture portal, ITestOutputHelper output)
{
    private const int DefaultCasesPerOperation = 20;

    [Fact]
    public async Task EveryOperation_WithGeneratedInput_NeverFails_AndRefusedWritesLeaveNothingBehind()
    {
        var seed = Environment.GetEnvironmentVariable("ESGTRACE_FUZZ_SEED") is { Length: > 0 } given
            ? ulong.Parse(given, CultureInfo.InvariantCulture)
            : (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        var cases = int.TryParse(Environment.GetEnvironmentVariable("ESGTRACE_FUZZ_CASES"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCasesPerOperation;
        output.WriteLine($"API fuzz: seed {seed} (replay with ESGTRACE_FUZZ_SEED={seed}), {cases} cases per operation");

        var host = portal.Host;
        var errors = new ServerErrorLog();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(errors);
        using var anonymous = host.CreateApiClient();
        var document = OpenApiDescription.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        Assert.True(document.Operations.Count > 0, "The OpenAPI document lists no operations.");

        var roles = new List<(string Role, HttpClient Client)>();
        foreach (var role in Enum.GetValues<Role>())
        {
            roles.Add((role.ToString(), host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, role, "fuzz " + role))));
        }

        await RecordKnownRecordsAsync(host);
        var tally = new FuzzTally();
        var (readers, probes) = await StateSnapshot.FindReadersAsync(document, roles.Select(r => r.Client).ToList());
        tally.CountChecks(probes);
        output.WriteLine($"state compared over {readers.Count} listings: {string.Join(", ", readers.Select(r => r.Path))}");
        Assert.NotEmpty(readers);

        var session = new FuzzSession(document, anonymous, roles, readers, errors, tally);
        await session.StartAsync();
        var bodies = new SchemaBodies(document);
        var failures = new List<string>();
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var operation in document.Operations)
        {
            var operationSeed = new PCG(StableHash(operation.Key), seed).ToString();
            try
            {
                await FuzzRequest.For(operation, bodies).SampleAsync(session.CheckAsync, iter: cases, threads: 1, seed: operationSeed, print: r => r.ToString());
            }
            catch (Exception e)
            {
                var cause = e.InnerException is FuzzFailure failure ? failure.Message : e.InnerException?.ToString() ?? "";
                failures.Add($"{operation.Key}: {FirstLine(e.Message)}\n    {cause.Replace("\n", "\n    ", StringComparison.Ordinal)}");
            }
        }

        var notReached = document.Operations.Select(o => o.Key).Where(k => !session.Reached.Contains(k)).ToList();
        var summary = $"{document.Operations.Count} operations, {tally.Summary()} in {started.Elapsed.TotalSeconds:F0} s, seed {seed}";
        EsgTrace.Testing.FaultReport.Write(output, "API fuzz", summary);
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.True(notReached.Count == 0, "Operations no role got past authorization for (not exercised): " + string.Join(", ", notReached));
        Assert.True(failures.Count == 0, $"{failures.Count} operations broke a property (seed {seed}):\n" + string.Join("\n", failures));
    }

    /// <summary>A supply chain, a published and a draft claim and a workload (ids in <see cref="HostileValues.KnownIds"/>), so calls reach existing records too.</summary>
    private static async Task RecordKnownRecordsAsync(PortalHost host)
    {
        var (_, marketing, _, _, _) = await Claims.ClaimWorkflow.PublishAsync(host, "fz");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await marketing.PutAsJsonAsync("/api/claims/fz-draft",
            Claims.ClaimWorkflow.Draft("fz-tee", 1.5m, "Cradle-to-gate footprint of at most 1.5 kg CO2e per T-shirt"))).StatusCode);
        using var it = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.It, "fuzz set-up"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await it.PutAsJsonAsync("/api/green-it/workloads/fz-api",
            new { name = "Fuzzed API", owner = "test", provider = "aws", region = "eu-central-1", functionalUnit = "1,000 requests" })).StatusCode);
    }

    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash & 0x7FFFFFFF;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}

/// <summary>A portal of its own for the fuzz test, over a fresh folder, without the background work that would change state mid-run.</summary>
public sealed class FuzzPortalFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public FuzzPortalFixture() => Host = new PortalHost(_directory.Path, new Dictionary<string, string?>
    {
        // The platform's own footprint sampler and the claim monitor write on a timer; the run compares state before and after each write.
        ["Platform:FootprintMinutes"] = "0",
        ["Claims:MonitorMinutes"] = "600",
    });

    public PortalHost Host { get; }

    public void Dispose()
    {
        Host.Dispose();
        _directory.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzPortalFixture>
{
    public const string Name = "fuzz";
}
