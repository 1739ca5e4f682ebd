using EsgTrace.Analysis;
using EsgTrace.Factors;
using EsgTrace.Footprints;
using EsgTrace.MassBalance;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.Testing;

/// <summary>
/// A product drawing on many lots, built in memory for the analysis alone (the shape of the footprint bench): raw lots of
/// one material from a few suppliers, some intermediate lots made from raw ones, batches of the product consuming them.
/// Lots change one at a time (<see cref="Ship"/>, <see cref="Reclassify"/>) as shipments and corrections would change them.
/// </summary>
public sealed class SyntheticSupplyChain
{
    private static readonly Instant At = Instant.FromUtc(2026, 5, 1, 8, 0);

    public Dictionary<string, ProductView> Products { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IReadOnlyList<BatchView>> Batches { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, LotView> Lots { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SupplierView> Suppliers { get; } = new(StringComparer.Ordinal);

    public SupplyChainSnapshot Snapshot() => new(Products, Batches, Lots, Suppliers);

    /// <param name="rawLots">Raw lots of fabric.</param>
    /// <param name="intermediates">Lots of fabric made from three raw lots each (raw lots they use are not batch inputs themselves).</param>
    /// <param name="uneven">Masses, distances and factors with awkward decimals (divisions that do not terminate).</param>
    public static SyntheticSupplyChain Create(int rawLots, int intermediates = 0, bool uneven = false, int suppliers = 3)
    {
        var chain = new SyntheticSupplyChain();
        for (var s = 0; s < suppliers; s++)
        {
            var certificates = s == 0 ? new[] { new CertificateInput("GOTS", "G-1", new LocalDate(2026, 1, 1), new LocalDate(2026, 12, 31), null, null) } : [];
            chain.Suppliers[$"sup-{s}"] = new SupplierView($"sup-{s}", $"Mill {s}", "IN", 2, null, certificates, 1, At, "test");
        }

        var inputs = new List<string>();
        for (var i = 0; i < rawLots; i++)
        {
            var id = $"L{i}";
            var kg = uneven ? 997m + (i % 7) / 3m : 1000m;
            chain.Lots[id] = View(id, new LotInput("fabric", kg, "kg", $"sup-{i % suppliers}", i % 11 == 5 ? null : "IN", null, i % 4 == 0 ? "GOTS" : null, i % 5 / 10m,
                new LotFactorInput(FactorSourceKind.Primary, uneven ? 4m + i % 9 / 7m : 4.0m, "kg", "bench", null), []), 1, [new ModeTonneKm(TransportMode.Road, uneven ? kg / 2 * 0.1m + i / 3m : 50m, 1)], kg);
            inputs.Add(id);
        }

        for (var m = 0; m < intermediates && 3 * m + 2 < rawLots; m++)
        {
            var id = $"M{m}";
            var used = new[] { $"L{3 * m}", $"L{3 * m + 1}", $"L{3 * m + 2}" };
            inputs.RemoveAll(used.Contains);
            chain.Lots[id] = View(id, new LotInput("fabric", 2900m, "kg", "sup-0", "IN", null, null, 0.1m,
                new LotFactorInput(FactorSourceKind.Primary, 1.5m, "kg", "bench", null), used), 1, [], 2900m);
            inputs.Add(id);
        }

        chain.Products["p"] = new ProductView("p", new ProductInput("Bench product", null, "1 piece", [new BomLineInput(BomLineKind.Material, "fabric", 100m, "g")], uneven ? 0.7m : null, uneven ? "kWh" : null, uneven ? "grid.IN" : null), 1, At, "test");
        var batches = new List<BatchView>();
        for (var b = 0; b * 500 < inputs.Count; b++)
        {
            batches.Add(new BatchView($"B{b}", new BatchInput("p", inputs.Skip(b * 500).Take(500).ToList(), 1000, new OffsetDateTime(new LocalDateTime(2026, 5, 1, 8, 0), Offset.FromHours(2))), 1, At, "test"));
        }

        chain.Batches["p"] = batches;
        return chain;
    }

    /// <summary>One more shipment of a lot (its tonne-km by the mode grow, its version and content hash change).</summary>
    public void Ship(string lotId, TransportMode mode, decimal tonneKm)
    {
        var lot = Lots[lotId];
        var transport = lot.Transport.ToList();
        var at = transport.FindIndex(t => t.Mode == mode);
        if (at < 0)
        {
            transport.Add(new ModeTonneKm(mode, tonneKm, 1));
        }
        else
        {
            transport[at] = transport[at] with { TonneKm = transport[at].TonneKm + tonneKm, Shipments = transport[at].Shipments + 1 };
        }

        Lots[lotId] = View(lotId, lot.Lot, lot.Version + 1, transport, lot.Balance.MassKg, lot.FirstShippedOn);
    }

    /// <summary>A correction of a lot's details that keeps its mass, material and inputs (factor, origin, certification, recycled share).</summary>
    public void Correct(string lotId, Func<LotInput, LotInput> change)
    {
        var lot = Lots[lotId];
        Lots[lotId] = View(lotId, change(lot.Lot), lot.Version + 1, lot.Transport, lot.Balance.MassKg, lot.FirstShippedOn);
    }

    private static LotView View(string id, LotInput lot, long version, IReadOnlyList<ModeTonneKm> transport, decimal kg, LocalDate? shipped = null)
    {
        var balance = new LotBalance(kg, "Mill", [new LocationBalance("Mill", kg, 0, 0, 0)], transport.Sum(t => t.Shipments), 0, []);
        return new LotView(id, lot, version, null, At, "test", [], balance, transport, shipped ?? new LocalDate(2026, 4, 1), LotView.HashOf(lot, transport, balance));
    }
}
