using EsgTrace.Traceability;
using EsgTrace.Units;
using NodaTime;
using Xunit;

namespace EsgTrace.Domain.Tests.Traceability;

/// <summary>
/// A cut-and-sew batch made from three fabric lots (500 kg in all):
///   F1 300 kg organic fabric (GOTS) ← yarn Y1 (GOTS) ← cotton C1 (GOTS), every certificate valid on its shipment day;
///   F2 100 kg fabric claiming GOTS ← yarn Y2, whose spinner's certificate had expired when Y2 shipped ← cotton C2 (no origin);
///   F3 100 kg recycled polyester, 80 % recycled, no certification claim.
/// </summary>
public sealed class TraceabilityCalculatorTests
{
    private static readonly Dictionary<string, TraceLot> Lots = new[]
    {
        Lot("C1", "cotton fibre", 1000, "farm", 4, "IN", "GOTS", 0, new LocalDate(2026, 2, 1)),
        Lot("Y1", "cotton yarn", 900, "spinner", 3, "IN", "GOTS", 0, new LocalDate(2026, 3, 1), "C1"),
        Lot("F1", "cotton fabric", 300, "mill", 2, "IN", "GOTS", 0, new LocalDate(2026, 4, 1), "Y1"),
        Lot("C2", "cotton fibre", 400, "farm2", 4, null, null, 0, new LocalDate(2026, 2, 1)),
        Lot("Y2", "cotton yarn", 300, "spinner", 3, "IN", "GOTS", 0, new LocalDate(2027, 1, 15), "C2"),
        Lot("F2", "cotton fabric", 100, "mill", 2, "IN", "GOTS", 0, new LocalDate(2027, 2, 1), "Y2"),
        Lot("F3", "recycled polyester fabric", 100, "trims", 2, "CN", null, 0.8m, new LocalDate(2026, 4, 2)),
    }.ToDictionary(l => l.LotId);

    private static readonly SupplierCertificate[] Certificates =
    [
        new("farm", "GOTS", "CU-1001", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), null),
        new("spinner", "GOTS", "CU-2002", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), null),
        new("mill", "GOTS", "CU-3003", new LocalDate(2026, 1, 1), new LocalDate(2027, 12, 31), null),
    ];

    [Fact]
    public void Shares_AreTheMassBalanceWorkedOutByHand()
    {
        var result = TraceabilityCalculator.Calculate("batch-1", ["F1", "F2", "F3"], Lots, Certificates);

        // Input mass: 300 + 100 + 100 = 500 kg.
        // Certified: only F1 (its whole chain is GOTS and valid on each shipment day): 300 / 500 = 0.6.
        // Recycled: (300 × 0 + 100 × 0 + 100 × 0.8) / 500 = 80 / 500 = 0.16.
        // Traceable to origin: F1 and F3 (F2's cotton C2 has no origin): (300 + 100) / 500 = 0.8.
        Assert.Equal(500m, result.InputMassKg);
        Assert.Equal(0.6m, result.CertifiedShare);
        Assert.Equal(0.16m, result.RecycledShare);
        Assert.Equal(0.8m, result.TraceableToOriginShare);
    }

    [Fact]
    public void Flags_NameTheExpiredCertificate_TheBrokenChain_AndTheMissingOrigin()
    {
        var result = TraceabilityCalculator.Calculate("batch-1", ["F1", "F2", "F3"], Lots, Certificates);

        Assert.Contains(result.Flags, f => f is { LotId: "Y2", Kind: TraceFlagKind.ExpiredCertificate } && f.Message.Contains("2027-01-15", StringComparison.Ordinal) && f.Message.Contains("CU-2002", StringComparison.Ordinal));
        Assert.Contains(result.Flags, f => f is { LotId: "F2", Kind: TraceFlagKind.BrokenChainOfCustody });
        Assert.Contains(result.Flags, f => f is { LotId: "C2", Kind: TraceFlagKind.UnknownOrigin });
        Assert.DoesNotContain(result.Flags, f => f.LotId is "F1" or "Y1" or "C1");
    }

    [Fact]
    public void Tree_GoesUpToTheFarm_WithTiersSuppliersAndCountries()
    {
        var result = TraceabilityCalculator.Calculate("batch-1", ["F1", "F2", "F3"], Lots, Certificates);

        var f1 = result.Tree.Single(n => n.Lot.LotId == "F1");
        var c1 = f1.Inputs.Single().Inputs.Single();
        Assert.Equal("C1", c1.Lot.LotId);
        Assert.Equal(4, c1.Lot.Tier);
        Assert.Equal("CU-1001", c1.CertificateNumber);
        Assert.Equal(["farm", "farm2", "mill", "spinner", "trims"], result.Suppliers);
        Assert.Equal(["CN", "IN"], result.Countries);
    }

    [Fact]
    public void ClaimWithoutACertificateOnRecord_IsNotCertified()
    {
        var lots = new Dictionary<string, TraceLot>(Lots) { ["X"] = Lot("X", "fabric", 10, "nobody", 2, "PT", "FSC", 0, new LocalDate(2026, 5, 1)) };

        var result = TraceabilityCalculator.Calculate("batch-2", ["X"], lots, Certificates);

        Assert.Equal(0m, result.CertifiedShare);
        Assert.Contains(result.Flags, f => f is { LotId: "X", Kind: TraceFlagKind.MissingCertificate });
    }

    [Fact]
    public void UnknownInputLot_IsFlagged_AndLeftOutOfTheMass()
    {
        var result = TraceabilityCalculator.Calculate("batch-3", ["F3", "ghost"], Lots, Certificates);

        Assert.Equal(100m, result.InputMassKg);
        Assert.Contains(result.Flags, f => f is { LotId: "ghost", Kind: TraceFlagKind.UnknownInputLot });
    }

    [Fact]
    public void MassBalance_CountsOnlyTheCreditedMass_AndBookAndClaimCountsNone()
    {
        // M1 600 kg GOTS under mass balance, 50 % credited → 300 kg certified; its input X is uncertified, which mass balance allows.
        // M2 200 kg GOTS, segregated → 200 kg. M3 200 kg recycled polyester, 90 % recycled, mass balance with 60 % credited →
        // recycled counts min(0.9 × 200, 0.6 × 200) = 120 kg. M4 100 kg GOTS by book and claim → 0 kg.
        // Input mass 600 + 200 + 200 + 100 = 1,100 kg. Certified (300 + 200) / 1,100 = 0.4545…; recycled 120 / 1,100 = 0.1090….
        var lots = new Dictionary<string, TraceLot>
        {
            ["X"] = Lot("X", "cotton fibre", 700, "farm2", 4, "IN", null, 0, new LocalDate(2026, 2, 1)),
            ["M1"] = Lot("M1", "cotton fabric", 600, "mill", 2, "IN", "GOTS", 0, new LocalDate(2026, 4, 1), "X") with { ChainOfCustody = ChainOfCustodyModel.MassBalance, CreditedShare = 0.5m },
            ["M2"] = Lot("M2", "cotton fabric", 200, "mill", 2, "IN", "GOTS", 0, new LocalDate(2026, 4, 1)) with { ChainOfCustody = ChainOfCustodyModel.Segregated },
            ["M3"] = Lot("M3", "recycled polyester", 200, "trims", 2, "CN", null, 0.9m, new LocalDate(2026, 4, 1)) with { ChainOfCustody = ChainOfCustodyModel.MassBalance, CreditedShare = 0.6m },
            ["M4"] = Lot("M4", "cotton fabric", 100, "mill", 2, "IN", "GOTS", 0, new LocalDate(2026, 4, 1)) with { ChainOfCustody = ChainOfCustodyModel.BookAndClaim },
        };

        var result = TraceabilityCalculator.Calculate("batch-mb", ["M1", "M2", "M3", "M4"], lots, Certificates);

        Assert.Equal(1100m, result.InputMassKg);
        Assert.Equal(500m / 1100m, result.CertifiedShare);
        Assert.Equal(120m / 1100m, result.RecycledShare);
        Assert.Equal(300m, result.Tree.Single(n => n.Lot.LotId == "M1").CertifiedKg);
        Assert.DoesNotContain(result.Flags, f => f is { LotId: "M1", Kind: TraceFlagKind.BrokenChainOfCustody });
        Assert.Contains(result.Flags, f => f is { LotId: "M4", Kind: TraceFlagKind.BookAndClaim });
    }

    [Fact]
    public void ALotClaimingMoreThanItsCertificateCovers_GetsTheCertificatesModel()
    {
        // The mill's certificate covers mass balance only; F9 (100 kg) states segregated with 40 % credited → mass balance, 40 kg.
        var certificates = new[] { new SupplierCertificate("mill", "GOTS", "CU-MB-1", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), null, ChainOfCustodyModel.MassBalance) };
        var lots = new Dictionary<string, TraceLot> { ["F9"] = Lot("F9", "cotton fabric", 100, "mill", 2, "IN", "GOTS", 0, new LocalDate(2026, 4, 1)) with { ChainOfCustody = ChainOfCustodyModel.Segregated, CreditedShare = 0.4m } };

        var result = TraceabilityCalculator.Calculate("batch-9", ["F9"], lots, certificates);

        Assert.Equal(0.4m, result.CertifiedShare);
        Assert.Equal(ChainOfCustodyModel.MassBalance, result.Tree[0].Model);
        Assert.Contains(result.Flags, f => f is { LotId: "F9", Kind: TraceFlagKind.ChainOfCustodyExceedsCertificate });
    }

    private static TraceLot Lot(string id, string material, decimal kg, string supplier, int tier, string? country, string? scheme, decimal recycled, LocalDate shipped, params string[] inputs)
        => new(id, material, Quantity.Of(kg, "kg"), supplier, supplier, tier, country, scheme, recycled, shipped, inputs);
}
