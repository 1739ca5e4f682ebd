using System.Text;
using System.Text.Json;
using EsgTrace.Epcis;
using EsgTrace.Epcis.Query;
using EsgTrace.Grains.Tests.SupplyChain;
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
/// What storing a document costs at the table store (the real SQLite store under a counting decorator): one existence
/// query for the whole document and two blind bulk writes; and databases of the first layout (one row per event, index
/// entries carrying the eventID) still read, deduplicate and take error declarations.
/// </summary>
public sealed class EpcisStoreCostTests : IAsyncLifetime
{
    private static readonly Instant RecordTime = Instant.FromUtc(2026, 11, 24, 9, 0);
    private readonly TempDirectory _directory = new();
    private SqliteTableStore _sqlite = null!;
    private CountingTableStore _tables = null!;
    private EpcisStore _store = null!;

    public Task InitializeAsync()
    {
        _sqlite = new SqliteTableStore(Options.Create(new SqliteTableStoreOptions { DatabasePath = Path.Combine(_directory.Path, "epcis.db") }), NullLogger<SqliteTableStore>.Instance);
        _tables = new CountingTableStore(_sqlite);
        _store = new EpcisStore(_tables, new TableIndexStore(_tables));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task DocumentOfNewEvents_IsOneExistenceQuery_AndTwoBulkWrites()
    {
        using var doc = Document(1_000, withIds: false);

        var result = await _store.StoreAsync(doc.Read, "c1", RecordTime, proceedOnError: false);

        Assert.Equal(1_000, result.Stored);
        Assert.Equal([(nameof(ITableStore.GetManyAsync), EpcisStore.EventsTable)], _tables.Reads);
        Assert.Equal([nameof(ITableStore.PutBulkAsync), nameof(ITableStore.PutBulkAsync)], _tables.Writes.Select(w => w.Call));
        Assert.Equal(2_000, _tables.Writes[0].Rows.Count);
        Assert.All(_tables.Writes[0].Rows, r => Assert.StartsWith(EpcisStore.EventsTable + "/", r, StringComparison.Ordinal));
        Assert.All(_tables.Writes[1].Rows, r => Assert.StartsWith("ix" + EpcisStore.Index + "/", r, StringComparison.Ordinal));

        // Every event is found again by its EPC and by its id, and read whole.
        foreach (var i in new[] { 0, 499, 999 })
        {
            var page = await _store.QueryAsync(EpcisQuery.All(10).And(new EpcMatchCriterion(EpcRole.Epc, [EpcisTerms.Identifier(Epc(i))], [])));
            var json = Assert.Single(page.Events);
            using var e = JsonDocument.Parse(json);
            var id = e.RootElement.GetProperty("eventID").GetString()!;
            Assert.Equal(result.StoredEventIds[i], id);
            Assert.Equal(json, (await _store.ReadAsync(id))!.Event);
        }
    }

    [Fact]
    public async Task SameDocumentAgain_AsAnotherCapture_IsAllDuplicates_ReadInTwoQueries_WritingNothing()
    {
        using var doc = Document(300, withIds: false);
        await _store.StoreAsync(doc.Read, "c1", RecordTime, proceedOnError: false);
        _tables.Clear();

        var again = await _store.StoreAsync(doc.Read, "c2", RecordTime.PlusTicks(1), proceedOnError: false);

        Assert.Equal(0, again.Stored);
        Assert.Equal(300, again.Duplicates);
        Assert.Equal([nameof(ITableStore.GetManyAsync), nameof(ITableStore.GetManyAsync)], _tables.Reads.Select(r => r.Call));
        Assert.Empty(_tables.Writes);
    }

    [Fact]
    public async Task ResumedCapture_RewritesItsOwnRows_AndStoresEachEventOnce()
    {
        using var doc = Document(250, withIds: false);
        await _store.StoreAsync(doc.Read, "c1", RecordTime, proceedOnError: false);

        var resumed = await _store.StoreAsync(doc.Read, "c1", RecordTime, proceedOnError: false);

        Assert.Equal(250, resumed.Stored);
        var all = await _store.QueryAsync(EpcisQuery.All(1_000));
        Assert.Equal(250, all.Events.Count);
        Assert.Null(all.NextPageToken);
    }

    [Fact]
    public async Task EventsOfTheFirstLayout_AreRead_AreDuplicates_AndTakeAnErrorDeclaration()
    {
        // An event as an older version stored it: one row holding record key, prefixes and JSON; entries carrying the eventID.
        using var doc = Document(3, withIds: true);
        var legacy = doc.Read.Events[1];
        var recordKey = EpcisStore.RecordKey(RecordTime, "old", 1);
        var json = EpcisEventJson.Stored(legacy, RecordTime);
        await _sqlite.UpsertAsync(EpcisStore.EventsTable, EpcisRows.LegacyRow(legacy.EventId, recordKey, new Dictionary<string, string>(), json));
        await _sqlite.UpsertAsync("ix" + EpcisStore.Index, new TableRow("all", "*|" + recordKey, Encoding.UTF8.GetBytes(legacy.EventId)));

        Assert.Equal(json, (await _store.ReadAsync(legacy.EventId))!.Event);
        Assert.Equal(json, Assert.Single((await _store.QueryAsync(EpcisQuery.All(10))).Events));

        var stored = await _store.StoreAsync(doc.Read, "c1", RecordTime.PlusTicks(1), proceedOnError: false);
        Assert.Equal(2, stored.Stored);
        Assert.Equal(1, stored.Duplicates);
        Assert.Equal(3, (await _store.QueryAsync(EpcisQuery.All(10))).Events.Count);

        using var declaration = Document(3, withIds: true, declareError: true);
        var declared = await _store.StoreAsync(declaration.Read, "c2", RecordTime.PlusTicks(2), proceedOnError: false);
        Assert.Equal(3, declared.DeclaredEventIds.Count);
        var read = (await _store.ReadAsync(legacy.EventId))!;
        Assert.Equal(recordKey, read.RecordKey);
        using (var e = JsonDocument.Parse(read.Event))
        {
            Assert.True(e.RootElement.TryGetProperty("errorDeclaration", out _));
        }

        var errors = await _store.QueryAsync(EpcisQuery.All(10).And(new ExistsCriterion("errorDeclaration")));
        Assert.Equal(3, errors.Events.Count);
        Assert.Equal(3, (await _store.QueryAsync(EpcisQuery.All(10))).Events.Count);
    }

    private static string Epc(int i) => $"urn:epc:id:sgtin:4012345.011111.cost{i}";

    private static ReadDocument Document(int events, bool withIds, bool declareError = false)
    {
        var list = Enumerable.Range(0, events).Select(i =>
            "{\"type\":\"ObjectEvent\"" + (withIds ? $",\"eventID\":\"urn:uuid:00000000-0000-4000-8000-{i:D12}\"" : string.Empty)
            + $",\"eventTime\":\"2026-11-20T08:{i / 60 % 60:D2}:{i % 60:D2}Z\",\"eventTimeZoneOffset\":\"+00:00\",\"action\":\"OBSERVE\",\"bizStep\":\"receiving\""
            + $",\"epcList\":[\"{Epc(i)}\"],\"readPoint\":{{\"id\":\"urn:epc:id:sgln:4012345.00001.0\"}}"
            + (declareError ? ",\"errorDeclaration\":{\"declarationTime\":\"2026-11-21T08:00:00Z\",\"reason\":\"incorrect_data\"}" : string.Empty) + "}");
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
