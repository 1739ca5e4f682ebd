using System.Text;
using EsgTrace.Hosting.Tables;
using EsgTrace.Time;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using Xunit;

namespace EsgTrace.Storage.Tests;

/// <summary>
/// The storage contract every backend must honour, run unchanged against SQLite and Azurite: table rows, grain storage,
/// the event log, the indexes, blobs, and durability across a restart.
/// </summary>
public abstract class StorageContract
{
    private static readonly Instant Noon = Instant.FromUtc(2026, 11, 23, 12, 0, 0);

    protected abstract Task<StorageBackend> OpenAsync();

    /// <summary>Whether an atomic batch is all or nothing across partitions (SQLite), or per (table, partition) in order (Azure Tables).</summary>
    protected abstract bool AtomicAcrossPartitions { get; }

    [Fact]
    public async Task Row_RoundTrip_KeepsBytesAndKeysWithForbiddenAzureCharacters()
    {
        await using var backend = await OpenAsync();
        var row = new TableRow("supplier/GLN#1?x\\y", "state%1", Encoding.UTF8.GetBytes("{\"a\":1}"));
        var etag = await backend.Tables.InsertAsync("rows", row);

        var read = await backend.Tables.GetAsync("rows", row.PartitionKey, row.RowKey);

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(row.PartitionKey, read.PartitionKey);
        Assert.Equal(row.RowKey, read.RowKey);
        Assert.Equal(row.Data.ToArray(), read.Data.ToArray());
        Assert.Null(await backend.Tables.GetAsync("rows", "nope", "nope"));
    }

    [Fact]
    public async Task Row_Insert_ExistingRowConflictsAndKeepsTheFirst()
    {
        await using var backend = await OpenAsync();
        await backend.Tables.InsertAsync("rows", new TableRow("p", "r", "first"u8.ToArray()));

        await Assert.ThrowsAsync<StorageConflictException>(() => backend.Tables.InsertAsync("rows", new TableRow("p", "r", "second"u8.ToArray())));

        Assert.Equal("first", Encoding.UTF8.GetString((await backend.Tables.GetAsync("rows", "p", "r"))!.Data.Span));
    }

    [Fact]
    public async Task Row_Replace_StaleETagConflictsAndChangesNothing()
    {
        await using var backend = await OpenAsync();
        var first = await backend.Tables.InsertAsync("rows", new TableRow("p", "r", "v1"u8.ToArray()));
        var second = await backend.Tables.ReplaceAsync("rows", new TableRow("p", "r", "v2"u8.ToArray(), first));

        await Assert.ThrowsAsync<StorageConflictException>(() => backend.Tables.ReplaceAsync("rows", new TableRow("p", "r", "v3"u8.ToArray(), first)));
        await Assert.ThrowsAsync<StorageConflictException>(() => backend.Tables.DeleteAsync("rows", "p", "r", first));

        var read = await backend.Tables.GetAsync("rows", "p", "r");
        Assert.Equal("v2", Encoding.UTF8.GetString(read!.Data.Span));
        Assert.Equal(second, read.ETag);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Row_LargePayload_SplitsAndReassembles_AndOverLimitIsRefusedWhole()
    {
        await using var backend = await OpenAsync();
        var large = new byte[700 * 1024];
        new Random(42).NextBytes(large);
        await backend.Tables.InsertAsync("rows", new TableRow("big", "r", large));

        Assert.Equal(large, (await backend.Tables.GetAsync("rows", "big", "r"))!.Data.ToArray());

        var tooLarge = new byte[TableStoreLimits.MaxRowBytes + 1];
        await Assert.ThrowsAsync<StorageLimitException>(() => backend.Tables.InsertAsync("rows", new TableRow("big", "over", tooLarge)));
        Assert.Null(await backend.Tables.GetAsync("rows", "big", "over"));
    }

    [Fact]
    public async Task Batch_WithOneExistingRow_WritesNothing()
    {
        await using var backend = await OpenAsync();
        await backend.Tables.InsertAsync("rows", new TableRow("b", "002", "taken"u8.ToArray()));
        var batch = Enumerable.Range(1, 3).Select(i => new TableRow("b", $"{i:D3}", "new"u8.ToArray())).ToList();

        await Assert.ThrowsAsync<StorageConflictException>(() => backend.Tables.InsertBatchAsync("rows", batch));

        var rows = await backend.Tables.QueryAsync("rows", "b", null, null).ToListAsync();
        Assert.Equal(["002"], rows.Select(r => r.RowKey));
        Assert.Equal("taken", Encoding.UTF8.GetString(rows[0].Data.Span));
    }

    [Fact]
    public async Task UpsertBatch_CreatesAndOverwrites_AndRepeatingItChangesNothing()
    {
        await using var backend = await OpenAsync();
        await backend.Tables.InsertAsync("rows", new TableRow("u", "002", "old"u8.ToArray()));
        var batch = Enumerable.Range(1, 100).Select(i => new TableRow("u", $"{i:D3}", Encoding.UTF8.GetBytes($"v{i}"))).ToList();

        await backend.Tables.UpsertBatchAsync("rows", batch);
        await backend.Tables.UpsertBatchAsync("rows", batch);

        var rows = await backend.Tables.QueryAsync("rows", "u", null, null).ToListAsync();
        Assert.Equal(100, rows.Count);
        Assert.Equal("v2", Encoding.UTF8.GetString(rows[1].Data.Span));
        await Assert.ThrowsAsync<StorageLimitException>(() => backend.Tables.UpsertBatchAsync("rows", [.. batch, new TableRow("u", "101", "x"u8.ToArray())]));
    }

    [Fact]
    public async Task GetMany_ReadsRowsOfManyPartitions_InTheOrderAsked_NullWhereMissing()
    {
        await using var backend = await OpenAsync();
        var rows = Enumerable.Range(0, 150).Select(i => new TableRow($"p/{i % 7}#?", $"r\\{i:D3}%", Encoding.UTF8.GetBytes($"v{i}"))).ToList();
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(TableStoreLimits.MaxBatchRows))
            {
                await backend.Tables.UpsertBatchAsync("rows", chunk);
            }
        }

        // Asked in another order than written, with missing rows between and a row asked twice.
        var keys = new List<TableKey>();
        foreach (var i in Enumerable.Range(0, 150).Reverse())
        {
            keys.Add(new TableKey(rows[i].PartitionKey, rows[i].RowKey));
            keys.Add(new TableKey(rows[i].PartitionKey, $"missing{i}"));
        }

        keys.Add(new TableKey(rows[3].PartitionKey, rows[3].RowKey));
        var read = await backend.Tables.GetManyAsync("rows", keys);

        Assert.Equal(keys.Count, read.Count);
        for (var k = 0; k < 300; k += 2)
        {
            var i = 149 - (k / 2);
            Assert.Equal($"v{i}", Text(read[k]));
            Assert.Equal(rows[i].PartitionKey, read[k]!.PartitionKey);
            Assert.Equal(rows[i].RowKey, read[k]!.RowKey);
            Assert.Null(read[k + 1]);
        }

        Assert.Equal("v3", Text(read[^1]));
        Assert.Empty(await backend.Tables.GetManyAsync("rows", []));
        Assert.Equal([null], await backend.Tables.GetManyAsync("nothinghere", [new TableKey("p", "r")]));
    }

    [Fact]
    public async Task PutBulk_CreatesAndOverwritesRowsOfManyPartitions_BeyondOneBatch_AndSurvivesARestart()
    {
        var backend = await OpenAsync();
        var etag = await backend.Tables.InsertAsync("rows", new TableRow("a", "r005", "old"u8.ToArray()));
        var rows = Enumerable.Range(0, 250).Select(i => new TableRow("a", $"r{i:D3}", Encoding.UTF8.GetBytes($"a{i}")))
            .Concat(Enumerable.Range(0, 30).Select(i => new TableRow("b/#", $"r{i:D3}", Encoding.UTF8.GetBytes($"b{i}"))))
            .ToList();

        await backend.Tables.PutBulkAsync("rows", rows);
        await backend.Tables.PutBulkAsync("rows", rows);

        await using var reopened = await backend.ReopenAsync();
        var a = await reopened.Tables.QueryAsync("rows", "a", null, null).ToListAsync();
        var b = await reopened.Tables.QueryAsync("rows", "b/#", null, null).ToListAsync();
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"a{i}"), a.Select(Text));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"b{i}"), b.Select(Text));

        // The blind write overwrote the row: the ETag read before it no longer matches, and an upsert gives it a token again.
        await Assert.ThrowsAsync<StorageConflictException>(() => reopened.Tables.ReplaceAsync("rows", new TableRow("a", "r005", "x"u8.ToArray(), etag)));
        var fresh = await reopened.Tables.UpsertAsync("rows", new TableRow("a", "r005", "y"u8.ToArray()));
        await reopened.Tables.ReplaceAsync("rows", new TableRow("a", "r005", "z"u8.ToArray(), fresh));
        Assert.Equal("z", Text(await reopened.Tables.GetAsync("rows", "a", "r005")));
        await reopened.Tables.PutBulkAsync("rows", []);
    }

    [Fact]
    public async Task PutBulk_WithARowTwiceOrOverTheLimit_IsRefusedBeforeAnythingIsWritten()
    {
        await using var backend = await OpenAsync();
        var good = Enumerable.Range(0, 120).Select(i => new TableRow($"p{i % 3}", $"r{i:D3}", "v"u8.ToArray())).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => backend.Tables.PutBulkAsync("rows", [.. good, good[7]]));
        await Assert.ThrowsAsync<StorageLimitException>(() => backend.Tables.PutBulkAsync("rows", [.. good, new TableRow("p9", "big", new byte[TableStoreLimits.MaxRowBytes + 1])]));

        foreach (var partition in new[] { "p0", "p1", "p2", "p9" })
        {
            Assert.Empty(await backend.Tables.QueryAsync("rows", partition, null, null).ToListAsync());
        }
    }

    [Fact]
    public async Task Index_PutMany_WritesEntriesOfManyPartitions_ThatScanInKeyOrder()
    {
        await using var backend = await OpenAsync();
        var index = new TableIndexStore(backend.Tables);
        await index.PutAsync("terms", "x", "k004", "old"u8.ToArray());
        var entries = Enumerable.Range(0, 230).Reverse().Select(i => new IndexRow(i % 2 == 0 ? "x" : "y|z", $"k{i:D3}", i % 5 == 0 ? ReadOnlyMemory<byte>.Empty : Encoding.UTF8.GetBytes($"v{i}"))).ToList();

        await index.PutManyAsync("terms", entries);

        var x = await index.ScanAsync("terms", "x", null, null, 500);
        var y = await index.ScanAsync("terms", "y|z", "k100", "k200", 500);
        Assert.Equal(Enumerable.Range(0, 115).Select(i => $"k{2 * i:D3}"), x.Entries.Select(e => e.Key));
        Assert.Equal(Enumerable.Range(0, 115).Select(i => 2 * i + 1).Where(i => i is > 100 and < 200).Select(i => $"k{i:D3}"), y.Entries.Select(e => e.Key));
        Assert.Equal(string.Empty, Encoding.UTF8.GetString(x.Entries[0].Value.Span));
        Assert.Equal("v2", Encoding.UTF8.GetString(x.Entries[1].Value.Span));
        Assert.Equal("v4", Encoding.UTF8.GetString(x.Entries[2].Value.Span));
        Assert.Null(x.NextAfterKey);
    }

    [Fact]
    public async Task AtomicBatch_AcrossTablesAndPartitions_WritesEveryKind_AndSurvivesARestart()
    {
        var backend = await OpenAsync();
        await backend.Tables.InsertAsync("rows", new TableRow("p2", "b", "old"u8.ToArray()));
        await backend.Tables.InsertAsync("rows", new TableRow("p1", "gone", "x"u8.ToArray()));

        await backend.Tables.WriteAtomicAsync(
        [
            TableWrite.Insert("rows", new TableRow("p1", "a", "inserted"u8.ToArray())),
            TableWrite.Upsert("rows", new TableRow("p2", "b", "overwritten"u8.ToArray())),
            TableWrite.Delete("rows", "p1", "gone"),
            TableWrite.Delete("rows", "p3", "never-there"),
            TableWrite.Upsert("other", new TableRow("q/1#", "c", "other table"u8.ToArray())),
        ]);

        await using var reopened = await backend.ReopenAsync();
        Assert.Equal(["a"], (await reopened.Tables.QueryAsync("rows", "p1", null, null).ToListAsync()).Select(r => r.RowKey));
        Assert.Equal("inserted", Text(await reopened.Tables.GetAsync("rows", "p1", "a")));
        Assert.Equal("overwritten", Text(await reopened.Tables.GetAsync("rows", "p2", "b")));
        Assert.Equal("other table", Text(await reopened.Tables.GetAsync("other", "q/1#", "c")));
        Assert.Empty(await reopened.Tables.QueryAsync("rows", "p3", null, null).ToListAsync());
    }

    [Fact]
    public async Task AtomicBatch_InsertConflictInItsFirstPartition_WritesNothing()
    {
        await using var backend = await OpenAsync();
        await backend.Tables.InsertAsync("rows", new TableRow("first", "taken", "kept"u8.ToArray()));

        await Assert.ThrowsAsync<StorageConflictException>(() => backend.Tables.WriteAtomicAsync(
        [
            TableWrite.Upsert("rows", new TableRow("first", "new", "x"u8.ToArray())),
            TableWrite.Insert("rows", new TableRow("first", "taken", "y"u8.ToArray())),
            TableWrite.Upsert("rows", new TableRow("second", "s", "z"u8.ToArray())),
            TableWrite.Upsert("other", new TableRow("first", "o", "z"u8.ToArray())),
        ]));

        Assert.Equal(["taken"], (await backend.Tables.QueryAsync("rows", "first", null, null).ToListAsync()).Select(r => r.RowKey));
        Assert.Equal("kept", Text(await backend.Tables.GetAsync("rows", "first", "taken")));
        Assert.Null(await backend.Tables.GetAsync("rows", "second", "s"));
        Assert.Null(await backend.Tables.GetAsync("other", "first", "o"));
    }

    [Fact]
    public async Task AtomicBatch_InsertConflictInALaterPartition_IsAllOrNothingOnlyWhereTheBackendSaysSo()
    {
        await using var backend = await OpenAsync();
        await backend.Tables.InsertAsync("rows", new TableRow("later", "taken", "kept"u8.ToArray()));

        await Assert.ThrowsAsync<StorageConflictException>(() => backend.Tables.WriteAtomicAsync(
        [
            TableWrite.Upsert("rows", new TableRow("earlier", "e", "x"u8.ToArray())),
            TableWrite.Insert("rows", new TableRow("later", "taken", "y"u8.ToArray())),
            TableWrite.Upsert("rows", new TableRow("last", "l", "z"u8.ToArray())),
        ]));

        // SQLite: one transaction, nothing written. Azure: the earlier partition's transaction had committed; none after the conflict ran.
        var earlier = await backend.Tables.GetAsync("rows", "earlier", "e");
        Assert.Equal(!AtomicAcrossPartitions, earlier is not null);
        Assert.Equal("kept", Text(await backend.Tables.GetAsync("rows", "later", "taken")));
        Assert.Null(await backend.Tables.GetAsync("rows", "last", "l"));
    }

    [Fact]
    public async Task AtomicBatch_OverTheLimitOrWithARowTwice_IsRefusedWhole()
    {
        await using var backend = await OpenAsync();
        var tooMany = Enumerable.Range(0, TableStoreLimits.MaxBatchRows + 1).Select(i => TableWrite.Upsert("rows", new TableRow("p" + (i % 3), $"{i:D3}", "x"u8.ToArray()))).ToList();
        var twice = new[] { TableWrite.Upsert("rows", new TableRow("d", "r", "1"u8.ToArray())), TableWrite.Delete("rows", "d", "r") };

        await Assert.ThrowsAsync<StorageLimitException>(() => backend.Tables.WriteAtomicAsync(tooMany));
        await Assert.ThrowsAsync<ArgumentException>(() => backend.Tables.WriteAtomicAsync(twice));

        foreach (var partition in new[] { "p0", "p1", "p2", "d" })
        {
            Assert.Empty(await backend.Tables.QueryAsync("rows", partition, null, null).ToListAsync());
        }
    }

    [Fact]
    public async Task AtomicBatch_OfAnEventItsIndexEntryAndItsAuditRecord_CommitsTogether_AndAStaleAppendWritesNothing()
    {
        await using var backend = await OpenAsync();
        var log = new TableEventLog(backend.Tables, new FakeClock(Noon));
        var index = new TableIndexStore(backend.Tables);
        var audit = new Audit.IndexAuditTrail(index);
        var record = new Audit.AuditRecord(Noon, "ada", "shipment.recorded", "shipment:s-1");
        List<TableWrite> Batch(long expected, string listed) =>
            [.. log.AppendWrites("shipment/s-1", expected, [Event("ShipmentRecorded", 1)]), index.PutWrite("shipments", "mode:road", "k-1", Encoding.UTF8.GetBytes(listed)), audit.RecordWrite(record, "shipment:s-1@1")];

        await backend.Tables.WriteAtomicAsync(Batch(0, "first"));
        await Assert.ThrowsAsync<StorageConflictException>(() => backend.Tables.WriteAtomicAsync(Batch(0, "second")));
        // Finishing the follow-ups again (as after an interrupted batch) puts the same audit record, not a second one.
        await backend.Tables.WriteAtomicAsync([audit.RecordWrite(record, "shipment:s-1@1")]);

        Assert.Equal(["ShipmentRecorded"], (await log.ReadAsync("shipment/s-1").ToListAsync()).Select(e => e.Type));
        Assert.Equal("first", Encoding.UTF8.GetString((await index.GetAsync("shipments", "mode:road", "k-1"))!.Value.Span));
        var day = await audit.ReadDayAsync(Noon.InUtc().Date, null, 10);
        Assert.Equal([record], day.Records);
    }

    [Fact]
    public async Task Query_ReturnsTheRangeInRowKeyOrder_WithinOnePartition()
    {
        await using var backend = await OpenAsync();
        foreach (var key in new[] { "c", "a", "e", "b", "d" })
        {
            await backend.Tables.InsertAsync("rows", new TableRow("q", key, Encoding.UTF8.GetBytes(key)));
        }

        await backend.Tables.InsertAsync("rows", new TableRow("other", "b", "x"u8.ToArray()));

        var range = await backend.Tables.QueryAsync("rows", "q", "b", "e").ToListAsync();
        var limited = await backend.Tables.QueryAsync("rows", "q", null, null, limit: 2).ToListAsync();

        Assert.Equal(["b", "c", "d"], range.Select(r => r.RowKey));
        Assert.Equal(["a", "b"], limited.Select(r => r.RowKey));
    }

    [Fact]
    public async Task GrainStorage_RoundTrip_KeepsStateAndNodaTimeValues()
    {
        await using var backend = await OpenAsync();
        var storage = GrainStorage(backend);
        var grainId = GrainId.Create("supplier", "GLN/4012345000009");
        var written = new GrainState<SampleState>(new SampleState { Name = "Coton du Sud", At = Noon, Items = ["a", "b"] });

        await storage.WriteStateAsync("state", grainId, written);
        var read = new GrainState<SampleState>();
        await storage.ReadStateAsync("state", grainId, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("Coton du Sud", read.State!.Name);
        Assert.Equal(Noon, read.State!.At);
        Assert.Equal(["a", "b"], read.State!.Items);
    }

    [Fact]
    public async Task GrainStorage_MissingGrain_ReadsAsNewState()
    {
        await using var backend = await OpenAsync();
        var read = new GrainState<SampleState>();

        await GrainStorage(backend).ReadStateAsync("state", GrainId.Create("supplier", "unknown"), read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(string.Empty, read.State!.Name);
    }

    [Fact]
    public async Task GrainStorage_LargeState_RoundTrips()
    {
        await using var backend = await OpenAsync();
        var storage = GrainStorage(backend);
        var grainId = GrainId.Create("product", "big");
        var items = Enumerable.Range(0, 20_000).Select(i => $"lot-{i:D6}").ToList(); // ~300 KiB of JSON: several 64 KiB chunks on Azure
        await storage.WriteStateAsync("state", grainId, new GrainState<SampleState>(new SampleState { Name = "big", Items = items }));

        var read = new GrainState<SampleState>();
        await storage.ReadStateAsync("state", grainId, read);

        Assert.Equal(items, read.State!.Items);
    }

    [Fact]
    public async Task GrainStorage_ConcurrentWriteWithStaleETag_ThrowsInconsistentState()
    {
        await using var backend = await OpenAsync();
        var storage = GrainStorage(backend);
        var grainId = GrainId.Create("shipment", "s-1");
        await storage.WriteStateAsync("state", grainId, new GrainState<SampleState>(new SampleState { Name = "v1" }));
        var first = new GrainState<SampleState>();
        var second = new GrainState<SampleState>();
        await storage.ReadStateAsync("state", grainId, first);
        await storage.ReadStateAsync("state", grainId, second);

        first.State!.Name = "from first";
        await storage.WriteStateAsync("state", grainId, first);
        second.State!.Name = "from second";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", grainId, second));

        var read = new GrainState<SampleState>();
        await storage.ReadStateAsync("state", grainId, read);
        Assert.Equal("from first", read.State!.Name);
    }

    [Fact]
    public async Task GrainStorage_SecondInsertOfANewGrain_ThrowsInconsistentState()
    {
        await using var backend = await OpenAsync();
        var storage = GrainStorage(backend);
        var grainId = GrainId.Create("shipment", "s-2");

        await storage.WriteStateAsync("state", grainId, new GrainState<SampleState>(new SampleState { Name = "a" }));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", grainId, new GrainState<SampleState>(new SampleState { Name = "b" })));
    }

    [Fact]
    public async Task GrainStorage_Clear_RemovesStateAndAllowsANewStart()
    {
        await using var backend = await OpenAsync();
        var storage = GrainStorage(backend);
        var grainId = GrainId.Create("claim", "c-1");
        var state = new GrainState<SampleState>(new SampleState { Name = "draft" });
        await storage.WriteStateAsync("state", grainId, state);

        await storage.ClearStateAsync("state", grainId, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        var read = new GrainState<SampleState>();
        await storage.ReadStateAsync("state", grainId, read);
        Assert.False(read.RecordExists);
        await storage.WriteStateAsync("state", grainId, new GrainState<SampleState>(new SampleState { Name = "again" }));
    }

    [Fact]
    public async Task EventLog_AppendsAndReadsRanges_InVersionOrder()
    {
        await using var backend = await OpenAsync();
        var log = new TableEventLog(backend.Tables, new FakeClock(Noon));
        var version = await log.AppendAsync("lot-7", 0, [Event("LotRecorded", 1), Event("LotCertified", 2)]);
        version = await log.AppendAsync("lot-7", version, Enumerable.Range(3, 10).Select(i => Event("LotMoved", i)).ToList());

        var all = await log.ReadAsync("lot-7").ToListAsync();
        var middle = await log.ReadAsync("lot-7", 4, 6).ToListAsync();

        Assert.Equal(12, version);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), all.Select(e => e.Version));
        Assert.Equal(["LotRecorded", "LotCertified"], all.Take(2).Select(e => e.Type));
        Assert.Equal([4L, 5L, 6L], middle.Select(e => e.Version));
        Assert.Equal("{\"n\":5}", Encoding.UTF8.GetString(middle[1].Json.Span));
        Assert.All(all, e => Assert.Equal(Noon, e.RecordedAt));
    }

    [Fact]
    public async Task EventLog_AppendAtAStaleVersion_ConflictsAndWritesNothing()
    {
        await using var backend = await OpenAsync();
        var log = new TableEventLog(backend.Tables, new FakeClock(Noon));
        await log.AppendAsync("s", 0, [Event("A", 1), Event("B", 2)]);

        await Assert.ThrowsAsync<StorageConflictException>(() => log.AppendAsync("s", 1, [Event("C", 3), Event("D", 4)]));

        Assert.Equal(["A", "B"], (await log.ReadAsync("s").ToListAsync()).Select(e => e.Type));
    }

    [Fact]
    public async Task Index_ScansInKeyOrder_PageByPage()
    {
        await using var backend = await OpenAsync();
        var index = new TableIndexStore(backend.Tables);
        foreach (var i in Enumerable.Range(0, 25).Reverse())
        {
            await index.PutAsync("shipments", "2026-11", $"s{i:D3}", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var keys = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await index.ScanAsync("shipments", "2026-11", after, null, 10);
            keys.AddRange(page.Entries.Select(e => e.Key));
            after = page.NextAfterKey;
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"s{i:D3}"), keys);
        await Assert.ThrowsAsync<StorageConflictException>(() => index.AddAsync("shipments", "2026-11", "s001", "x"u8.ToArray()));
    }

    [Fact]
    public async Task Blob_PutGet_KeepsContentAndSha256_AndRefusesOtherContentUnderTheSameName()
    {
        await using var backend = await OpenAsync();
        var content = Encoding.UTF8.GetBytes("%PDF-1.7 certificate");
        var info = await backend.Blobs.PutAsync("certificates", "supplier-1/gots-2026.pdf", content, "application/pdf");
        var again = await backend.Blobs.PutAsync("certificates", "supplier-1/gots-2026.pdf", content, "application/pdf");

        var read = await backend.Blobs.GetAsync("certificates", "supplier-1/gots-2026.pdf");

        // SHA-256 of the bytes above, computed independently with `printf '%%PDF-1.7 certificate' | sha256sum`.
        Assert.Equal("1ace057a0b433b7f2d37fb147b795266cbbe03acb06a2664c06d434b6d5be717", info.Sha256);
        Assert.Equal(info.Sha256, again.Sha256);
        Assert.Equal(content, read!.Content.ToArray());
        Assert.Equal("application/pdf", read.Info.ContentType);
        Assert.Equal(info.Sha256, read.Info.Sha256);
        await Assert.ThrowsAsync<StorageConflictException>(() => backend.Blobs.PutAsync("certificates", "supplier-1/gots-2026.pdf", "other"u8.ToArray(), "application/pdf"));
        Assert.Null(await backend.Blobs.GetAsync("certificates", "supplier-1/missing.pdf"));
    }

    [Fact]
    public async Task Blob_PutStream_IsReadInPieces_HashesWhatItStored_AndAFailedStreamLeavesNothing()
    {
        await using var backend = await OpenAsync();
        // 5 MiB + 3 bytes of a repeating pattern: more than one upload block and one read buffer.
        var content = Enumerable.Range(0, (5 * 1024 * 1024) + 3).Select(i => (byte)(i % 251)).ToArray();
        var info = await backend.Blobs.PutStreamAsync("usageimports", "uploads/u1", new TrickleStream(content, 7_777), "text/csv");
        var again = await backend.Blobs.PutStreamAsync("usageimports", "uploads/u1", new MemoryStream(content), "text/csv");

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), info.Sha256);
        Assert.Equal(content.Length, info.Length);
        Assert.Equal(info.Sha256, again.Sha256);
        Assert.Equal(info.Sha256, (await backend.Blobs.GetAsync("usageimports", "uploads/u1"))!.Info.Sha256);
        await using (var read = (await backend.Blobs.OpenReadAsync("usageimports", "uploads/u1"))!)
        {
            using var copy = new MemoryStream();
            await read.CopyToAsync(copy, 4096);
            Assert.Equal(content, copy.ToArray());
        }

        await Assert.ThrowsAsync<StorageConflictException>(() => backend.Blobs.PutStreamAsync("usageimports", "uploads/u1", new MemoryStream("other"u8.ToArray()), "text/csv"));
        Assert.Null(await backend.Blobs.OpenReadAsync("usageimports", "uploads/missing"));
        await Assert.ThrowsAsync<IOException>(() => backend.Blobs.PutStreamAsync("usageimports", "uploads/broken", new TrickleStream(content, 100_000, failAfter: 300_000), "text/csv"));
        Assert.False(await backend.Blobs.ExistsAsync("usageimports", "uploads/broken"));
    }

    /// <summary>Hands out at most <c>piece</c> bytes per read, and fails with an IOException after <c>failAfter</c> bytes.</summary>
    private sealed class TrickleStream(byte[] content, int piece, int failAfter = int.MaxValue) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfter)
            {
                throw new IOException("The connection was reset.");
            }

            var n = Math.Min(Math.Min(count, piece), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Restart_EverythingAcknowledgedIsStillThere()
    {
        var backend = await OpenAsync();
        var grainId = GrainId.Create("user", "ada");
        var state = new GrainState<SampleState>(new SampleState { Name = "Ada", At = Noon });
        await GrainStorage(backend).WriteStateAsync("state", grainId, state);
        await new TableEventLog(backend.Tables, new FakeClock(Noon)).AppendAsync("audit", 0, [Event("Created", 1)]);
        await backend.Blobs.PutAsync("proofs", "claim-1.pdf", "%PDF"u8.ToArray(), "application/pdf");

        await using var reopened = await backend.ReopenAsync();

        var read = new GrainState<SampleState>();
        await GrainStorage(reopened).ReadStateAsync("state", grainId, read);
        Assert.Equal("Ada", read.State!.Name);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Single(await new TableEventLog(reopened.Tables, new FakeClock(Noon)).ReadAsync("audit").ToListAsync());
        Assert.True(await reopened.Blobs.ExistsAsync("proofs", "claim-1.pdf"));
    }

    private static string? Text(TableRow? row) => row is null ? null : Encoding.UTF8.GetString(row.Data.Span);

    private static NewEvent Event(string type, int n) => new(type, Encoding.UTF8.GetBytes($"{{\"n\":{n}}}"));

    private static TableGrainStorage GrainStorage(StorageBackend backend)
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions();
        EsgJson.Configure(options.JsonSerializerOptions);
        return new TableGrainStorage("test", new TableGrainStorageOptions(), backend.Tables, new SystemTextJsonGrainStorageSerializer(Options.Create(options)), NullLogger<TableGrainStorage>.Instance);
    }

    public sealed class SampleState
    {
        public string Name { get; set; } = string.Empty;

        public Instant At { get; set; }

        public List<string> Items { get; set; } = [];
    }
}
