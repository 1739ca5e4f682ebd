using EsgTrace.Factors;
using EsgTrace.MassBalance;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.MassBalance;

/// <summary>A 1,000 kg lot produced at "Farm": the balance by location and the refusals, worked out by hand.</summary>
public sealed class MassBalanceLedgerTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 1, 8, 0);

    [Fact]
    public void SequentialLegs_MoveTheSameMass_AndABatchConsumesWhereItRuns()
    {
        var ledger = new[]
        {
            Ship("S1", "Farm", "Mill", 1000, 0),
            Ship("S2", "Mill", "Port", 600, 1),
            Batch("B1", "Mill", 300, 2),
        };

        var balance = MassBalanceLedger.Balance(1000, "Farm", ledger);

        // Farm: produced 1,000, shipped on 1,000 → 0. Mill: received 1,000, shipped on 600, consumed 300 → 100. Port: received 600 → 600.
        Assert.Equal(0m, At(balance, "Farm").RemainingKg);
        Assert.Equal(100m, At(balance, "mill ").RemainingKg); // names compare ignoring case and spaces
        Assert.Equal(600m, At(balance, "Port").RemainingKg);
        Assert.Equal(300m, balance.ConsumedKg);
        Assert.Equal(700m, balance.RemainingKg); // 1,000 − 300 consumed; shipments only move mass
        Assert.Null(MassBalanceLedger.Check("L", 1000, "Farm", ledger, Ship("S3", "Port", "Store", 600, 3)));
    }

    [Fact]
    public void TakingMoreThanALocationHolds_IsAShortfallNamingTheFigures()
    {
        var ledger = new[] { Ship("S1", "Farm", "Mill", 800, 0) };

        // Farm holds 1,000 − 800 = 200 kg; another 300 kg from Farm is 100 kg short.
        var shortfall = MassBalanceLedger.Check("L", 1000, "Farm", ledger, Ship("S2", "Farm", "Mill", 300, 1));
        // An 80 t shipment of an 8 t lot: refused outright.
        var eightyTonnes = MassBalanceLedger.Check("L8", 8000, null, [], Ship("S9", "Farm", "Mill", 80000, 0));
        // Nothing is at Port yet.
        var nowhere = MassBalanceLedger.Check("L", 1000, "Farm", ledger, Ship("S3", "Port", "Store", 1, 1));

        Assert.NotNull(shortfall);
        Assert.Equal(200m, shortfall.AvailableKg);
        Assert.Equal(800m, shortfall.AlreadyTakenKg);
        Assert.Equal(300m, shortfall.RequestedKg);
        Assert.Equal("Lot L holds 1000 kg; at 'Farm' 800 kg of it are already shipped on or consumed and 200 kg remain, but this shipment takes 300 kg.", shortfall.Describe("shipment"));
        Assert.Equal(8000m, eightyTonnes!.AvailableKg);
        Assert.Equal(0m, nowhere!.AvailableKg);
    }

    [Fact]
    public void ACorrection_ReplacesTheMovementItCorrects_InsteadOfAddingToIt()
    {
        var ledger = new[] { Ship("S1", "Farm", "Mill", 900, 0) };

        // S1 corrected from 900 to 1,000 kg: its old 900 kg are not counted twice (1,000 ≤ 1,000).
        Assert.Null(MassBalanceLedger.Check("L", 1000, "Farm", ledger, Ship("S1", "Farm", "Mill", 1000, 0)));
        Assert.NotNull(MassBalanceLedger.Check("L", 1000, "Farm", ledger, Ship("S1", "Farm", "Mill", 1001, 0)));
    }

    [Fact]
    public void WithoutASite_TheFirstShipmentsOriginIsWhereTheLotWasProduced_AndABatchTakesFromWhereTheLotIs()
    {
        var ledger = new[] { Ship("S1", "Gin", "Spinner", 700, 0) };
        var balance = MassBalanceLedger.Balance(1000, null, ledger);
        var batch = MassBalanceLedger.Resolved(Batch("B1", null, 500, 1), balance);

        Assert.Equal("Gin", balance.Origin);
        Assert.Equal(300m, At(balance, "Gin").RemainingKg);
        Assert.Equal("Spinner", batch.From); // 700 kg there, more than the 300 left at Gin
        Assert.Null(MassBalanceLedger.Check("L", 1000, null, ledger, Batch("B1", null, 700, 1)));
        Assert.NotNull(MassBalanceLedger.Check("L", 1000, null, ledger, Batch("B1", null, 701, 1)));
    }

    private static LocationBalance At(LotBalance balance, string location)
        => balance.Locations.Single(l => string.Equals(l.Location, location.Trim(), StringComparison.OrdinalIgnoreCase));

    [Theory]
    [InlineData("Farm")]
    [InlineData(null)]
    public void Plus_OneMovementAtATime_GivesTheSameBalanceAsAFullPass(string? site)
    {
        // Over-shipping and consuming at an unnamed site included, so every row and the overdrawn list are exercised.
        var ledger = new[]
        {
            Batch("B0", null, 20, 0),
            Ship("S1", "Farm", "Mill", 900, 1),
            Ship("S2", "Mill", "Port", 600, 2),
            Batch("B1", "mill ", 250, 3),
            Batch("B2", null, 30, 4),
            Ship("S3", "Port", "Store", 700, 5),
            Ship("S4", "Farm", "Mill", 80, 6),
        };
        var balance = MassBalanceLedger.Balance(1000, site, []);

        for (var i = 0; i < ledger.Length; i++)
        {
            var plus = MassBalanceLedger.Plus(balance, ledger[i]);
            var full = MassBalanceLedger.Balance(1000, site, ledger.Take(i + 1));
            if (site is null && ledger[i].RecordId == "S1")
            {
                // The first shipment of a lot without a site decides where it was produced: only a full pass can say.
                Assert.Null(plus);
                plus = full;
            }

            Assert.Equal(Json(full), Json(plus!));
            balance = plus!;
        }

        // Farm: 1,000 − 900 − 80 shipped − 20 − 30 consumed (the batches without a site) = −30; Port: received 600, shipped on 700.
        Assert.Equal(["Farm", "Port"], balance.Overdrawn);
        Assert.True(MassBalanceLedger.ComesAfter(ledger[^1], ledger[^2]));
        Assert.False(MassBalanceLedger.ComesAfter(ledger[0], ledger[1]));
        Assert.Same(ledger[^1], MassBalanceLedger.Last(ledger.Reverse()));
    }

    private static string Json(LotBalance balance) => System.Text.Json.JsonSerializer.Serialize(balance);

    private static LotMovement Ship(string id, string from, string to, decimal kg, int hours)
        => new(MovementKind.Shipment, id, from, to, kg, TransportMode.Road, 100, null, T0 + Duration.FromHours(hours));

    private static LotMovement Batch(string id, string? site, decimal kg, int hours)
        => new(MovementKind.Batch, id, site, null, kg, null, null, null, T0 + Duration.FromHours(hours));
}
