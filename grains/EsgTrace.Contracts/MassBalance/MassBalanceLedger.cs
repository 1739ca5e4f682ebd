namespace EsgTrace.MassBalance;

/// <summary>
/// Balances a lot's mass by location (pure). A lot starts with its whole mass where it was produced (its declared site, else
/// the origin of the first shipment recorded for it); a shipment moves mass from its origin to its destination; a batch
/// consumes mass where it runs. Nothing may take more from a location than is there. Locations compare by name, ignoring
/// case and surrounding spaces.
/// </summary>
public static class MassBalanceLedger
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    /// <summary>The balance after every movement of the ledger.</summary>
    public static LotBalance Balance(decimal massKg, string? site, IEnumerable<LotMovement> movements)
    {
        var ordered = Ordered(movements);
        var origin = Origin(site, ordered);
        var rows = new Dictionary<string, Row>(Names);
        RowAt(rows, origin, origin).Produced = massKg;
        foreach (var m in ordered)
        {
            Add(rows, origin, m);
        }

        return ToBalance(massKg, origin, rows, ordered.Count(m => m.Kind == MovementKind.Shipment), ordered.Count(m => m.Kind == MovementKind.Batch));
    }

    /// <summary>
    /// The balance after one more movement, in O(locations) rather than a pass over the whole ledger: equal to
    /// <see cref="Balance"/> of the movements plus <paramref name="movement"/>, provided it comes last in ledger order (recorded
    /// at or after every other, see <see cref="ComesAfter"/>). Null when it would change where the lot was produced (the first
    /// shipment of a lot that names no site), which only a full pass can tell.
    /// </summary>
    [System.Diagnostics.Contracts.Pure]
    public static LotBalance? Plus(LotBalance balance, LotMovement movement)
    {
        if (movement.Kind == MovementKind.Shipment && balance.Shipments == 0 && Names.Equals(balance.Origin, UnnamedSite))
        {
            return null;
        }

        var rows = new Dictionary<string, Row>(Names);
        foreach (var l in balance.Locations)
        {
            rows[l.Location] = new Row(l.Location) { Produced = l.ProducedKg, Received = l.ReceivedKg, ShippedOn = l.ShippedOnKg, Consumed = l.ConsumedKg };
        }

        Add(rows, balance.Origin, movement);
        var shipment = movement.Kind == MovementKind.Shipment ? 1 : 0;
        return ToBalance(balance.MassKg, balance.Origin, rows, balance.Shipments + shipment, balance.Batches + 1 - shipment);
    }

    /// <summary>Whether <paramref name="movement"/> sorts after <paramref name="last"/> in ledger order (recorded time, then key).</summary>
    public static bool ComesAfter(LotMovement movement, LotMovement? last)
        => last is null || movement.RecordedAt > last.RecordedAt || (movement.RecordedAt == last.RecordedAt && string.CompareOrdinal(movement.Key, last.Key) > 0);

    /// <summary>The movement that comes last in ledger order, or null.</summary>
    public static LotMovement? Last(IEnumerable<LotMovement> movements) => movements.Aggregate((LotMovement?)null, (last, m) => ComesAfter(m, last) ? m : last);

    /// <summary>
    /// Where a movement takes its mass from: a shipment's origin, or for a batch its site, or (no site) the location holding
    /// the most of the lot. Null when the lot holds nothing anywhere.
    /// </summary>
    public static string? SourceOf(LotMovement movement, LotBalance balance)
        => movement.From is { } from
            ? from.Trim()
            : balance.Locations.Where(l => l.RemainingKg > 0).OrderByDescending(l => l.RemainingKg).ThenBy(l => l.Location, StringComparer.Ordinal).FirstOrDefault()?.Location;

    /// <summary>
    /// Null when the movement fits: its source holds at least its mass once every other movement (and any movement it replaces,
    /// by the same key, is taken out) is counted. Else what is missing.
    /// </summary>
    public static MassShortfall? Check(string lotId, decimal massKg, string? site, IReadOnlyCollection<LotMovement> others, LotMovement movement)
    {
        var without = Ordered(others.Where(o => o.Key != movement.Key));
        return Check(lotId, Balance(massKg, CheckSite(site, without.Any(m => m.Kind == MovementKind.Shipment), movement), without), movement);
    }

    /// <summary>
    /// The site to balance the other movements with when checking <paramref name="movement"/>: the first shipment of a lot
    /// without a declared site fixes where it was produced.
    /// </summary>
    public static string? CheckSite(string? site, bool othersHoldAShipment, LotMovement movement)
        => string.IsNullOrWhiteSpace(site) && movement.Kind == MovementKind.Shipment && !othersHoldAShipment ? movement.From : site;

    /// <summary><see cref="Check(string, decimal, string?, IReadOnlyCollection{LotMovement}, LotMovement)"/> against the balance of the other movements, already computed with <see cref="CheckSite"/>.</summary>
    public static MassShortfall? Check(string lotId, LotBalance balance, LotMovement movement)
    {
        var massKg = balance.MassKg;
        var source = SourceOf(movement, balance);
        var at = source is null ? null : balance.Locations.FirstOrDefault(l => Names.Equals(l.Location, source));
        var available = at?.RemainingKg ?? 0m;
        if (movement.Kg <= available)
        {
            return null;
        }

        var taken = at is null ? 0m : at.ShippedOnKg + at.ConsumedKg;
        return new MassShortfall(lotId, massKg, source ?? movement.From ?? balance.Origin ?? UnnamedSite, Math.Max(available, 0m), movement.Kg, taken);
    }

    /// <summary>The movement with its source resolved (a batch without a site takes from where the lot is).</summary>
    public static LotMovement Resolved(LotMovement movement, LotBalance balance)
        => movement.From is null && SourceOf(movement, balance) is { } source ? movement with { From = source } : movement;

    private static void Add(Dictionary<string, Row> rows, string origin, LotMovement m)
    {
        if (m.Kind == MovementKind.Shipment)
        {
            RowAt(rows, origin, m.From!).ShippedOn += m.Kg;
            RowAt(rows, origin, m.To!).Received += m.Kg;
        }
        else
        {
            RowAt(rows, origin, m.From ?? origin).Consumed += m.Kg;
        }
    }

    // Mass taken at the unnamed production site, before a first shipment named it, was taken at the origin.
    private static Row RowAt(Dictionary<string, Row> rows, string origin, string location)
    {
        var name = Names.Equals(location.Trim(), UnnamedSite) ? origin : location.Trim();
        return rows.TryGetValue(name, out var r) ? r : rows[name] = new Row(name);
    }

    private static LotBalance ToBalance(decimal massKg, string origin, Dictionary<string, Row> rows, int shipments, int batches)
        => new(
            massKg,
            origin,
            rows.Values.Select(r => new LocationBalance(r.Name, r.Produced, r.Received, r.ShippedOn, r.Consumed)).ToList(),
            shipments,
            batches,
            rows.Values.Where(r => r.Produced + r.Received - r.ShippedOn - r.Consumed < 0).Select(r => r.Name).ToList());

    private static List<LotMovement> Ordered(IEnumerable<LotMovement> movements)
        => movements.OrderBy(m => m.RecordedAt).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();

    /// <summary>Where a lot that names no site is taken to be while nothing has shipped it.</summary>
    public const string UnnamedSite = "(where produced)";

    private static string Origin(string? site, IReadOnlyList<LotMovement> ordered)
        => string.IsNullOrWhiteSpace(site) ? ordered.FirstOrDefault(m => m.Kind == MovementKind.Shipment)?.From?.Trim() ?? UnnamedSite : site.Trim();

    private sealed class Row(string name)
    {
        public string Name { get; } = name;

        public decimal Produced { get; set; }

        public decimal Received { get; set; }

        public decimal ShippedOn { get; set; }

        public decimal Consumed { get; set; }
    }
}
