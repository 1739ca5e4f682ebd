using System.Text;
using System.Text.Json;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using EsgTrace.Testing;
using EsgTrace.Time;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Xunit;

namespace EsgTrace.Grains.Tests.EventSourcing;

/// <summary>Event rows as earlier versions wrote them (each class's simple name, straight into the table store) read back through the grains.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredEventNamesTests(ClusterFixture fixture)
{
    private static readonly Instant At = ClusterFixture.Start;

    [Fact]
    public async Task ASupplierAndALotWrittenUnderTheOldNames_ReadBackThroughTheirGrains()
    {
        var tables = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<ITableStore>();
        var supplier = new SupplierInput("Old mill", "IN", 2, null);
        var certificate = new CertificateInput("GOTS", "CU-1", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), null, null);
        await WriteAsync(tables, "supplier/old-mill", ("SupplierRegistered", new SupplierRegistered(supplier, At, "legacy")), ("CertificateAdded", new CertificateAdded(certificate, At, "legacy")));
        var lot = new LotInput("fabric", 100, "kg", "old-mill", "IN", null, null, 0, new LotFactorInput(Factors.FactorSourceKind.Primary, 4.0m, "kg", "test", null), []);
        var leg = new LotLeg("old-S", Factors.TransportMode.Road, 10, new OffsetDateTime(new LocalDateTime(2026, 2, 1, 8, 0), Offset.Zero), new OffsetDateTime(new LocalDateTime(2026, 2, 1, 9, 0), Offset.Zero));
        await WriteAsync(tables, "lot/old-L", ("LotRecorded", new LotRecorded(lot, At, "legacy")), ("LotLegRecorded", new LotLegRecorded(leg, At, "legacy")), ("LotCorrected", new LotCorrected(lot with { Quantity = 90 }, 1, "weighed again", At, "legacy")));

        var readSupplier = (await fixture.Grains.GetGrain<ISupplierGrain>("old-mill").Get())!;
        var readLot = (await fixture.Grains.GetGrain<IMaterialLotGrain>("old-L").Get())!;

        Assert.Equal(("Old mill", 2L), (readSupplier.Name, readSupplier.Version));
        Assert.Equal(certificate, Assert.Single(readSupplier.Certificates));
        Assert.Equal((90m, 3L), (readLot.Lot.Quantity, readLot.Version));
    }

    [Fact]
    public async Task ARowUnderANameNoRegistryKnows_FailsTheGrainWithTheName()
    {
        var tables = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<ITableStore>();
        await WriteAsync(tables, "supplier/renamed", ("SupplierRenamed", new SupplierRegistered(new SupplierInput("X", "IN", 1, null), At, "legacy")));

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Grains.GetGrain<ISupplierGrain>("renamed").Get());

        Assert.Contains("SupplierRenamed", ex.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The rows exactly as the event log writes them: partition = stream, row = 19-digit version, an envelope of type, time and data.</summary>
    private static async Task WriteAsync(ITableStore tables, string stream, params (string Type, object Event)[] events)
    {
        for (var i = 0; i < events.Length; i++)
        {
            var data = JsonSerializer.Serialize(events[i].Event, events[i].Event.GetType(), EsgJson.Options);
            var envelope = $$"""{"type":"{{events[i].Type}}","recordedAt":"{{At}}","data":{{data}}}""";
            await tables.InsertAsync("eventlog", new TableRow(stream, (i + 1).ToString("D19", System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(envelope)));
        }
    }
}
