using System.Text.Json;
using EsgTrace.Epcis;
using EsgTrace.Epcis.Query;
using EsgTrace.Hosting.Sqlite;
using EsgTrace.Hosting.Tables;
using EsgTrace.Storage;
using EsgTrace.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Xunit;

namespace EsgTrace.Grains.Tests.Epcis;

/// <summary>
/// The repository's two-stage writer on the real SQLite store: a document is planned while the one before it is still
/// being written (held open by the test), and the plan counts the events in flight as stored; when that write fails
/// instead, the next document is planned again and stores everything it has.
/// </summary>
public sealed class EpcisCapturePipelineTests : IAsyncLifetime
{
    private static readonly Instant RecordTime = Instant.FromUtc(2026, 11, 24, 9, 0);
    private readonly TempDirectory _directory = new();
    private SqliteTableStore _sqlite = null!;
    private HeldTableStore _tables = null!;
    private EpcisStore _store = null!;
    private EpcisCapturePipeline _pipeline = null!;

    public Task InitializeAsync()
    {
        _sqlite = new SqliteTableStore(Options.Create(new SqliteTableStoreOptions { DatabasePath = Path.Combine(_directory.Path, "epcis.db") }), NullLogger<SqliteTableStore>.Instance);
        _tables = new HeldTableStore(_sqlite, EpcisStore.EventsTable);
        _store = new EpcisStore(_tables, new TableIndexStore(_tables));
        _pipeline = new EpcisCapturePipeline(_store);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task NextDocument_IsPlannedWhileTheFirstIsWritten_AndFindsItsEventsInFlight()
    {
        using var first = Document(0, 300, "first");
        using var second = Document(200, 500, "first");

        _tables.HoldNext();
        var a = _pipeline.StoreAsync(first.Read, "c1", RecordTime, proceedOnError: false);
        await _tables.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var b = _pipeline.StoreAsync(second.Read, "c2", RecordTime.PlusTicks(1), proceedOnError: false);

        // The second document's existence query ran while the first document's rows were still held back.
        await WaitUntil(() => _tables.MultiGets == 2);
        Assert.False(a.IsCompleted);
        Assert.False(b.IsCompleted);
        _tables.Release(succeed: true);

        var ra = await a;
        var rb = await b;
        Assert.Equal(300, ra.Stored);
        // Events 200..299 are the first document's, not yet committed when the second was planned: duplicates, stored once.
        Assert.Equal(200, rb.Stored);
        Assert.Equal(100, rb.Duplicates);
        Assert.Empty(rb.Problems);
        Assert.Equal(500, await CountAllAsync());
        Assert.Equal("c1", Capture((await _store.ReadAsync(Id(250)))!.RecordKey));
    }

    [Fact]
    public async Task SameIdWithOtherContent_InTheDocumentInFlight_IsAConflict()
    {
        using var first = Document(0, 10, "first");
        using var second = Document(5, 15, "other");

        _tables.HoldNext();
        var a = _pipeline.StoreAsync(first.Read, "c1", RecordTime, proceedOnError: false);
        await _tables.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var b = _pipeline.StoreAsync(second.Read, "c2", RecordTime.PlusTicks(1), proceedOnError: false);
        await WaitUntil(() => _tables.MultiGets == 2);
        _tables.Release(succeed: true);

        Assert.Equal(10, (await a).Stored);
        var rb = await b;
        // A rollback capture: five ids taken with other content, so nothing of it is stored.
        Assert.Equal(0, rb.Stored);
        Assert.Equal(5, rb.Problems.Count);
        Assert.All(rb.Problems, p => Assert.Equal(409, p.Status));
        Assert.Equal(10, await CountAllAsync());
    }

    [Fact]
    public async Task WhenTheWriteInFlightFails_TheNextDocumentIsPlannedAgain_AndStoresEverything()
    {
        using var first = Document(0, 300, "first");
        using var second = Document(200, 500, "first");

        _tables.HoldNext();
        var a = _pipeline.StoreAsync(first.Read, "c1", RecordTime, proceedOnError: false);
        await _tables.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var b = _pipeline.StoreAsync(second.Read, "c2", RecordTime.PlusTicks(1), proceedOnError: false);
        await WaitUntil(() => _tables.MultiGets == 2);
        _tables.Release(succeed: false);

        await Assert.ThrowsAsync<StorageUnavailableException>(() => a);
        var rb = await b;
        // Planned first with 200..299 as duplicates; the first document failed and took its rows back, so all 300 are new.
        Assert.Equal(300, rb.Stored);
        Assert.Equal(0, rb.Duplicates);
        Assert.Equal(3, _tables.MultiGets);
        Assert.Equal(300, await CountAllAsync());
        Assert.Null(await _store.ReadAsync(Id(0)));
        Assert.Equal("c2", Capture((await _store.ReadAsync(Id(250)))!.RecordKey));
    }

    private static string Id(int i) => $"urn:uuid:00000000-0000-4000-8000-{i:D12}";

    /// <summary>The capture id inside a record key (19 digits of record time, the capture id, 5 digits of position).</summary>
    private static string Capture(string recordKey) => recordKey[19..^5];

    /// <summary>Events the "all" index lists (one page holds them all).</summary>
    private async Task<int> CountAllAsync()
    {
        var page = await _store.QueryAsync(EpcisQuery.All(1_000));
        Assert.Null(page.NextPageToken);
        return page.Events.Count;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the condition did not hold within 30 s");
            await Task.Delay(10);
        }
    }

    /// <summary>Events <paramref name="from"/> (inclusive) to <paramref name="to"/> with fixed eventIDs; <paramref name="variant"/> changes their content.</summary>
    private static ReadDocument Document(int from, int to, string variant)
    {
        var list = Enumerable.Range(from, to - from).Select(i =>
            $"{{\"type\":\"ObjectEvent\",\"eventID\":\"{Id(i)}\",\"eventTime\":\"2026-11-20T08:{i / 60 % 60:D2}:{i % 60:D2}Z\",\"eventTimeZoneOffset\":\"+00:00\",\"action\":\"OBSERVE\""
            + $",\"bizStep\":\"{(variant == "first" ? "receiving" : "shipping")}\",\"epcList\":[\"urn:epc:id:sgtin:4012345.011111.p{i}\"]}}");
        var text = """{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-23T09:00:00Z","epcisBody":{"eventList":["""
            + string.Join(',', list) + "]}}";
        var json = JsonDocument.Parse(text);
        var read = EpcisDocumentReader.Read(json.RootElement);
        Assert.True(read.IsValid, read.IsValid ? null : read.Problems[0].Detail);
        return new ReadDocument(json, read);
    }

    private sealed record ReadDocument(JsonDocument Json, EpcisDocumentRead Read) : IDisposable
    {
        public void Dispose() => Json.Dispose();
    }
}
