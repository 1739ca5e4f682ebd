using System.Text;
using EsgTrace.Epcis;
using EsgTrace.Jobs;
using EsgTrace.Storage;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Testing;
using Orleans.TestingHost;
using Xunit;

namespace EsgTrace.Grains.Tests.Epcis;

/// <summary>
/// A capture whose write fails part-way (real stores: one event larger than a table row, which every backend refuses,
/// among 40 small events spread over the repository's 16 buckets) ends failed, all or nothing: no event row and no index
/// entry of the document stays, and a restart with a pending-work scan does not run it again.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CaptureFailureTests(AzuriteFixture azurite)
{
    private const int SmallEvents = 40;

    [Fact]
    public async Task Embedded_DocumentFailingMidWrite_EndsFailed_WithNothingLeft()
    {
        using var directory = new TempDirectory();
        await AssertFailsCleanlyAsync(TestClusters.Embedded(directory.Path));
    }

    [Fact]
    public async Task AzureStorage_DocumentFailingMidWrite_EndsFailed_WithNothingLeft()
        => await AssertFailsCleanlyAsync(TestClusters.Azure(azurite.ConnectionString, AzuriteFixture.UniquePrefix()));

    [Fact]
    public void EventLimit_LeavesRoomForAnEventAndItsDeclarationInOneRow()
        => Assert.True(2 * EpcisCaptureLimits.MaxEventBytes + EpcisCaptureLimits.MaxContextBytes + 4096 <= TableStoreLimits.MaxRowBytes);

    private static async Task AssertFailsCleanlyAsync(Dictionary<string, string?> settings)
    {
        var clock = new FakeClock(ClusterFixture.Start);
        var captureId = "cfail" + Guid.NewGuid().ToString("N")[..10];
        var (document, ids) = Document();
        await using (var cluster = await TestClusters.StartAsync(settings, clock))
        {
            var job = cluster.Client.GetGrain<ICaptureJobGrain>(captureId);
            await job.Submit(document, ids.Count, proceedOnError: false, "test");
            var finished = (await job.WaitFinished(TimeSpan.FromSeconds(30)))!;

            Assert.False(finished.Running);
            Assert.False(finished.Success);
            Assert.NotNull(finished.FinishedAt);
            Assert.Equal(0, finished.Stored);
            Assert.Equal(EpcisProblem.CaptureLimitExceeded, Assert.Single(finished.Errors).Type);
            await AssertNothingStoredAsync(cluster, ids);
        }

        // A restart resumes pending captures: this one is not pending any more, and stays failed.
        await using var again = await TestClusters.StartAsync(settings, clock);
        await again.Client.GetGrain<IPendingWorkGrain>(0).ResumeAll();
        var status = (await again.Client.GetGrain<ICaptureJobGrain>(captureId).Status())!;
        Assert.False(status.Running);
        Assert.False(status.Success);
        var pending = await Services(again).GetRequiredService<IIndexStore>().ScanAsync(EpcisCaptures.Index, EpcisCaptures.Pending, null, null, 10);
        Assert.Empty(pending.Entries);
        await AssertNothingStoredAsync(again, ids);
    }

    private static async Task AssertNothingStoredAsync(InProcessTestCluster cluster, IReadOnlyList<string> ids)
    {
        var index = Services(cluster).GetRequiredService<IIndexStore>();
        foreach (var partition in new[] { "all", EpcisTerms.Type, EpcisTerms.BizStep, EpcisTerms.ReadPoint, EpcisTerms.Error }.Concat(Enumerable.Range(0, 16).Select(i => $"{EpcisTerms.Epc}{i:x}")))
        {
            var page = await index.ScanAsync(EpcisStore.Index, partition, null, null, 10);
            Assert.True(page.Entries.Count == 0, $"index partition '{partition}' holds {page.Entries.Count} entries");
        }

        var query = cluster.Client.GetGrain<IEpcisQueryGrain>(0);
        foreach (var id in ids)
        {
            Assert.Null(await query.Get(id));
        }
    }

    private static IServiceProvider Services(InProcessTestCluster cluster) => cluster.Silos[0].ServiceProvider;

    private static (byte[] Document, List<string> Ids) Document()
    {
        var ids = new List<string>();
        var events = new List<string>();
        for (var i = 0; i < SmallEvents; i++)
        {
            ids.Add($"urn:uuid:00000000-0000-4000-8000-{i:D12}");
            events.Add(Observe(ids[^1], $"urn:epc:id:sgtin:4012345.011111.{i}", "x"));
        }

        // One event over a table row (about 1 MiB as stored), in the middle of the document.
        ids.Insert(20, "urn:uuid:00000000-0000-4000-8000-999999999999");
        events.Insert(20, Observe(ids[20], "urn:epc:id:sgtin:4012345.011111.big", new string('x', 1_000_000)));
        var json = """{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-23T09:00:00Z","epcisBody":{"eventList":["""
            + string.Join(',', events) + "]}}";
        return (Encoding.UTF8.GetBytes(json), ids);
    }

    private static string Observe(string id, string epc, string note)
        => $$"""{"type":"ObjectEvent","eventID":"{{id}}","eventTime":"2026-11-20T08:00:00Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","bizStep":"receiving","epcList":["{{epc}}"],"readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"example:note":"{{note}}"}""";
}
