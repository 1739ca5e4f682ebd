using EsgTrace.Hosting.Tables;
using EsgTrace.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Reminders.AzureStorage;
using Orleans.Runtime;
using Orleans.Runtime.ReminderService;
using Xunit;

namespace EsgTrace.Storage.Tests;

/// <summary>
/// What the Orleans reminder service needs of a reminder table, run against our <see cref="TableReminderTable"/> on
/// SQLite and on Azurite, and against the official Azure table (Microsoft.Orleans.Reminders.AzureStorage), so the
/// contract is the provider's real behaviour, not our reading of it.
/// </summary>
public abstract class ReminderTableContract
{
    private static readonly DateTime Start = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>A fresh, initialised table for one service; <paramref name="reopen"/> opens another over the same data, as a restarted silo would.</summary>
    protected abstract Task<(IReminderTable Table, Func<Task<IReminderTable>> Reopen)> OpenAsync();

    [Fact]
    public async Task Upsert_ThenReadRow_GivesTheEntryBack_AndAMissingOneIsNull()
    {
        var (table, _) = await OpenAsync();
        var grain = GrainId.Create("claimmonitor", "0");

        var etag = await table.UpsertRow(Entry(grain, "claim-monitor", TimeSpan.FromMinutes(5)));

        var read = await table.ReadRow(grain, "claim-monitor");
        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("claim-monitor", read.ReminderName);
        Assert.Equal(Start, read.StartAt.ToUniversalTime());
        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(etag, read.ETag);
        Assert.Null(await table.ReadRow(grain, "other"));
        Assert.Null(await table.ReadRow(GrainId.Create("claimmonitor", "1"), "claim-monitor"));
    }

    [Fact]
    public async Task Upsert_Again_ReplacesTheEntry_WithANewETag()
    {
        var (table, _) = await OpenAsync();
        var grain = GrainId.Create("pendingwork", "0");
        var first = await table.UpsertRow(Entry(grain, "resume", TimeSpan.FromMinutes(1)));

        var second = await table.UpsertRow(Entry(grain, "resume", TimeSpan.FromMinutes(3)));

        var read = await table.ReadRow(grain, "resume");
        Assert.NotEqual(first, second);
        Assert.Equal(second, read!.ETag);
        Assert.Equal(TimeSpan.FromMinutes(3), read.Period);
        Assert.Single((await table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task ReadRowsOfAGrain_GivesEachOfItsReminders_AndNoOtherGrains()
    {
        var (table, _) = await OpenAsync();
        var grain = GrainId.Create("capturejob", "c-1");
        await table.UpsertRow(Entry(grain, "a", TimeSpan.FromMinutes(1)));
        await table.UpsertRow(Entry(grain, "b", TimeSpan.FromMinutes(2)));
        await table.UpsertRow(Entry(GrainId.Create("capturejob", "c-10"), "a", TimeSpan.FromMinutes(1)));
        await table.UpsertRow(Entry(GrainId.Create("capturejob", "c"), "a", TimeSpan.FromMinutes(1)));

        var rows = (await table.ReadRows(grain)).Reminders;

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order());
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
        Assert.Empty((await table.ReadRows(GrainId.Create("capturejob", "none"))).Reminders);
    }

    [Fact]
    public async Task RemoveRow_NeedsTheCurrentETag_AndRemovesOnlyThatReminder()
    {
        var (table, _) = await OpenAsync();
        var grain = GrainId.Create("usageimport", "u-1");
        var stale = await table.UpsertRow(Entry(grain, "resume", TimeSpan.FromMinutes(1)));
        var current = await table.UpsertRow(Entry(grain, "resume", TimeSpan.FromMinutes(2)));
        var otherEtag = await table.UpsertRow(Entry(grain, "other", TimeSpan.FromMinutes(1)));

        Assert.False(await table.RemoveRow(grain, "resume", stale!));
        Assert.NotNull(await table.ReadRow(grain, "resume"));

        Assert.True(await table.RemoveRow(grain, "resume", current!));
        Assert.Null(await table.ReadRow(grain, "resume"));
        Assert.False(await table.RemoveRow(grain, "resume", current!));
        Assert.Equal(otherEtag, (await table.ReadRow(grain, "other"))!.ETag);
    }

    [Fact]
    public async Task ReadRowsOfARange_GivesTheGrainsHashedIntoIt_WithTheBeginExcluded_AndWrapsRoundTheRing()
    {
        var (table, _) = await OpenAsync();
        var grains = Enumerable.Range(0, 24).Select(i => GrainId.Create("claim", "claim-" + i)).ToList();
        foreach (var g in grains)
        {
            await table.UpsertRow(Entry(g, "r", TimeSpan.FromMinutes(1)));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[5], hashes[17]);

        await AssertRangeAsync(table, grains, low, high, h => h > low && h <= high);
        await AssertRangeAsync(table, grains, high, low, h => h > high || h <= low);
        await AssertRangeAsync(table, grains, low, low, _ => true);
        await AssertRangeAsync(table, grains, 0, uint.MaxValue, h => h > 0);
        await AssertRangeAsync(table, grains, uint.MaxValue, hashes[3], h => h <= hashes[3]);
    }

    [Fact]
    public async Task Restart_RemindersAreStillThere()
    {
        var (table, reopen) = await OpenAsync();
        var grain = GrainId.Create("claimmonitor", "0");
        var etag = await table.UpsertRow(Entry(grain, "claim-monitor", TimeSpan.FromMinutes(5)));

        var reopened = await reopen();

        var read = await reopened.ReadRow(grain, "claim-monitor");
        Assert.Equal(etag, read!.ETag);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.Single((await reopened.ReadRows(0, 0)).Reminders);
    }

    private static async Task AssertRangeAsync(IReminderTable table, IReadOnlyList<GrainId> grains, uint begin, uint end, Func<uint, bool> inRange)
    {
        var expected = grains.Where(g => inRange(g.GetUniformHashCode())).Select(g => g.ToString()).Order().ToList();
        var read = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order().ToList();
        Assert.Equal(expected, read);
    }

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period)
        => new() { GrainId = grain, ReminderName = name, StartAt = Start, Period = period };

    protected static IOptions<ClusterOptions> Service(string serviceId) => Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "test" });
}

/// <summary>Our reminder table on the embedded backend's SQLite.</summary>
public sealed class SqliteReminderTableTests : ReminderTableContract, IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly List<StorageBackend> _backends = [];

    protected override Task<(IReminderTable Table, Func<Task<IReminderTable>> Reopen)> OpenAsync()
    {
        var backend = new SqliteBackend(_directory, ownsDirectory: false);
        _backends.Add(backend);
        return Task.FromResult<(IReminderTable, Func<Task<IReminderTable>>)>((new TableReminderTable(backend.Tables, Service("esgtrace")), async () =>
        {
            var reopened = await backend.ReopenAsync();
            _backends.Add(reopened);
            return new TableReminderTable(reopened.Tables, Service("esgtrace"));
        }));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends)
        {
            await backend.DisposeAsync();
        }

        _directory.Dispose();
    }
}

/// <summary>Our reminder table on Azure Tables (Azurite): the same store seam, the other backend.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureReminderTableTests(AzuriteFixture azurite) : ReminderTableContract
{
    protected override Task<(IReminderTable Table, Func<Task<IReminderTable>> Reopen)> OpenAsync()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var backend = new AzureBackend(azurite.ConnectionString, prefix);
        return Task.FromResult<(IReminderTable, Func<Task<IReminderTable>>)>((new TableReminderTable(backend.Tables, Service("esgtrace")), async () =>
            new TableReminderTable((await backend.ReopenAsync()).Tables, Service("esgtrace"))));
    }
}

/// <summary>The official Azure reminder table, as the Azure backend registers it: the reference the contract is checked against.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OfficialAzureReminderTableTests(AzuriteFixture azurite) : ReminderTableContract
{
    protected override async Task<(IReminderTable Table, Func<Task<IReminderTable>> Reopen)> OpenAsync()
    {
        var prefix = AzuriteFixture.UniquePrefix();
        var serviceId = "s" + Guid.NewGuid().ToString("N")[..8];
        return (await OpenOfficialAsync(prefix, serviceId), () => OpenOfficialAsync(prefix, serviceId));
    }

    private async Task<IReminderTable> OpenOfficialAsync(string prefix, string serviceId)
    {
        var options = new AzureTableReminderStorageOptions
        {
            TableName = EsgTrace.Hosting.AzureProviderNames.ReminderTable(prefix),
            TableServiceClient = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString),
        };
        var table = new AzureBasedReminderTable(NullLoggerFactory.Instance, Service(serviceId), Options.Create(options));
        await table.StartAsync(CancellationToken.None);
        return table;
    }
}
