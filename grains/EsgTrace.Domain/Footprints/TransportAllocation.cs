using EsgTrace.Factors;

namespace EsgTrace.Footprints;

/// <summary>
/// Allocates transport to lots by mass (ISO 14083 / GLEC Framework: a transport operation's emissions go to the goods it
/// carried in proportion to mass × distance). A shipment carrying m t of a lot over d km gives that lot m × d tonne-km; the
/// lot's intensity is the sum over its shipments ÷ its mass, so part-shipments of one lot add up to one trip of the whole
/// lot and sequential legs (A→B, then B→C) add. A lot made from other lots inherits their tonne-km per kg, weighted by their
/// masses (one kg of the lot stands for one kg of its inputs; yield losses are not scaled up). Pure.
/// </summary>
public static class TransportAllocation
{
    private static readonly TransportMode[] Modes = Enum.GetValues<TransportMode>();

    /// <summary>Intensities of every lot reachable from <paramref name="lotIds"/>; unknown input lots add nothing (traceability flags them).</summary>
    public static IReadOnlyDictionary<string, TransportIntensity> Intensities(IEnumerable<string> lotIds, IReadOnlyDictionary<string, TransportLot> lots)
        => Intensities(lotIds, lots, null);

    /// <summary>As above; <paramref name="known"/> gives intensities already computed for lots made from no other lot (memoised by the caller).</summary>
    public static IReadOnlyDictionary<string, TransportIntensity> Intensities(IEnumerable<string> lotIds, IReadOnlyDictionary<string, TransportLot> lots, Func<TransportLot, TransportIntensity>? known)
    {
        var done = new Dictionary<string, TransportIntensity>(StringComparer.Ordinal);
        if (known is not null)
        {
            foreach (var lot in lots.Values.Where(l => l.InputLotIds.Count == 0))
            {
                done[lot.Id] = known(lot);
            }
        }

        foreach (var id in lotIds)
        {
            if (lots.ContainsKey(id))
            {
                Of(id, lots, done, []);
            }
        }

        return done;
    }

    /// <summary>The intensity of a lot made from no other lot: its own tonne-km per kg by mode.</summary>
    public static TransportIntensity OfRawLot(TransportLot lot)
        => Of(lot.Id, new Dictionary<string, TransportLot> { [lot.Id] = lot with { InputLotIds = [] } }, new Dictionary<string, TransportIntensity>(StringComparer.Ordinal), []);

    private static TransportIntensity Of(string id, IReadOnlyDictionary<string, TransportLot> lots, Dictionary<string, TransportIntensity> done, HashSet<string> path)
    {
        if (done.TryGetValue(id, out var known))
        {
            return known;
        }

        var lot = lots[id];
        path = [.. path, id];
        var inputs = lot.InputLotIds.Where(i => lots.ContainsKey(i) && !path.Contains(i)).Distinct().Select(i => (Lot: lots[i], Intensity: Of(i, lots, done, path))).ToList();
        var result = Combine(lot, inputs);
        done[id] = result;
        return result;
    }

    /// <summary>
    /// The intensity of one lot from its own shipments and the intensities its input lots have now (<paramref name="current"/>);
    /// for lots whose inputs hold no cycle this is what <see cref="Intensities(IEnumerable{string}, IReadOnlyDictionary{string, TransportLot})"/>
    /// gives, so a caller that updates a changed lot and then the lots made from it, in that order, keeps every intensity current.
    /// </summary>
    public static TransportIntensity Recompute(TransportLot lot, IReadOnlyDictionary<string, TransportLot> lots, Func<string, TransportIntensity> current)
        => Combine(lot, lot.InputLotIds.Where(lots.ContainsKey).Distinct().Select(i => (lots[i], current(i))).ToList());

    private static TransportIntensity Combine(TransportLot lot, List<(TransportLot Lot, TransportIntensity Intensity)> inputs)
    {
        var id = lot.Id;
        var inputKg = inputs.Sum(i => i.Lot.MassKg);
        var modes = new List<ModeIntensity>(lot.Own.Count);
        foreach (var mode in Modes)
        {
            decimal ownTonneKm = 0;
            var shipments = 0;
            foreach (var o in lot.Own)
            {
                if (o.Mode == mode)
                {
                    ownTonneKm += o.TonneKm;
                    shipments += o.Shipments;
                }
            }

            var ownPerKg = lot.MassKg == 0 ? 0 : ownTonneKm / lot.MassKg;
            var inherited = inputKg == 0 ? 0 : inputs.Sum(i => i.Lot.MassKg * (i.Intensity.Modes.FirstOrDefault(m => m.Mode == mode)?.TonneKmPerKg ?? 0)) / inputKg;
            if (ownPerKg != 0 || inherited != 0)
            {
                modes.Add(new ModeIntensity(mode, ownPerKg, inherited, shipments));
            }
        }

        return new TransportIntensity(id, modes, inputs.Count);
    }
}
