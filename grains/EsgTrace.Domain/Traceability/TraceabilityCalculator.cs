using EsgTrace.Units;

namespace EsgTrace.Traceability;

/// <summary>Builds the upstream tree of a set of lots and its mass-balance shares. Pure, deterministic.</summary>
public static class TraceabilityCalculator
{
    public const string Version = "traceability/2.0.0";

    /// <param name="subjectId">The batch or product the lots went into.</param>
    /// <param name="inputLotIds">The subject's direct input lots.</param>
    /// <param name="lots">Every known lot, upstream ones included, by id.</param>
    /// <param name="certificates">Every certificate of the suppliers involved.</param>
    public static TraceabilityResult Calculate(string subjectId, IReadOnlyList<string> inputLotIds, IReadOnlyDictionary<string, TraceLot> lots, IReadOnlyList<SupplierCertificate> certificates)
        => Calculate(subjectId, inputLotIds, lots, certificates, null);

    /// <summary>As above, reusing what a memo holds for lots made from no other lot (same lot and certificates, same conclusion).</summary>
    public static TraceabilityResult Calculate(string subjectId, IReadOnlyList<string> inputLotIds, IReadOnlyDictionary<string, TraceLot> lots, IReadOnlyList<SupplierCertificate> certificates, TraceMemo? memo)
    {
        memo?.Next();
        var bySupplier = (Dictionary<string, IReadOnlyList<SupplierCertificate>>)BySupplier(certificates);
        var keys = memo is null ? null : MemoKeys(bySupplier);
        var flags = new List<TraceFlag>();
        var cache = new Dictionary<string, TraceNode>(StringComparer.Ordinal);
        var tree = new List<TraceNode>();
        foreach (var id in inputLotIds)
        {
            if (lots.ContainsKey(id))
            {
                tree.Add(Node(id, lots, bySupplier, keys, memo, flags, cache, []));
            }
            else
            {
                flags.Add(new TraceFlag(id, TraceFlagKind.UnknownInputLot, $"Input lot '{id}' of {subjectId} is not recorded."));
            }
        }

        var total = tree.Sum(n => Kg(n.Lot));
        decimal Share(Func<TraceNode, decimal> part) => total == 0 ? 0 : tree.Sum(part) / total;
        return new TraceabilityResult(
            subjectId,
            total,
            Share(n => n.CertifiedKg),
            Share(n => n.RecycledKg),
            Share(n => n.TraceableToOrigin ? Kg(n.Lot) : 0),
            tree,
            flags.DistinctBy(f => (f.LotId, f.Kind)).ToList(),
            Version);
    }

    /// <summary>Certificates grouped by supplier, as a calculation reads them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<SupplierCertificate>> BySupplier(IReadOnlyList<SupplierCertificate> certificates)
        => certificates.GroupBy(c => c.SupplierId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<SupplierCertificate>)g.ToList(), StringComparer.Ordinal);

    /// <summary>
    /// One direct input lot's node and the flags its upstream raises, in the order <see cref="Calculate(string, IReadOnlyList{string}, IReadOnlyDictionary{string, TraceLot}, IReadOnlyList{SupplierCertificate}, TraceMemo?)"/>
    /// raises them, when none of its upstream lots is also upstream of another direct input (a calculation concludes a
    /// shared lot once, where it first meets it).
    /// </summary>
    /// <param name="memo">Reused for lots made from no other lot, as by a calculation (its round is not advanced).</param>
    /// <param name="memoKeys">With <paramref name="memo"/>: <see cref="MemoKeys"/> of the certificates.</param>
    public static (TraceNode Node, List<TraceFlag> Flags) Subtree(string id, IReadOnlyDictionary<string, TraceLot> lots, IReadOnlyDictionary<string, IReadOnlyList<SupplierCertificate>> bySupplier, TraceMemo? memo = null, Dictionary<string, string>? memoKeys = null)
    {
        var flags = new List<TraceFlag>();
        var certificates = bySupplier as Dictionary<string, IReadOnlyList<SupplierCertificate>> ?? bySupplier.ToDictionary(StringComparer.Ordinal);
        var node = Node(id, lots, certificates, memo is null ? null : memoKeys ?? MemoKeys(certificates), memo, flags, new Dictionary<string, TraceNode>(StringComparer.Ordinal), []);
        return (node, flags);
    }

    /// <summary>What a memo compares a supplier's certificates by.</summary>
    public static Dictionary<string, string> MemoKeys(IReadOnlyDictionary<string, IReadOnlyList<SupplierCertificate>> bySupplier)
        => bySupplier.ToDictionary(g => g.Key, g => string.Join("|", g.Value.Select(c => c.ToString())), StringComparer.Ordinal);

    private static TraceNode Node(string id, IReadOnlyDictionary<string, TraceLot> lots, Dictionary<string, IReadOnlyList<SupplierCertificate>> bySupplier, Dictionary<string, string>? keys, TraceMemo? memo, List<TraceFlag> flags, Dictionary<string, TraceNode> cache, HashSet<string> path)
    {
        if (cache.TryGetValue(id, out var done))
        {
            return done;
        }

        var lot = lots[id];
        var certificates = bySupplier.TryGetValue(lot.SupplierId, out var held) ? held : [];
        var key = keys is not null && keys.TryGetValue(lot.SupplierId, out var k) ? k : string.Empty;
        if (memo is not null && lot.InputLotIds.Count == 0)
        {
            if (!memo.TryGet(lot, key, out var known))
            {
                var own = new List<TraceFlag>();
                known = (Node(id, lots, bySupplier, null, null, own, [], path), own.ToArray());
                memo.Add(lot, key, known.Node, known.Flags);
            }

            flags.AddRange(known.Flags);
            cache[id] = known.Node;
            return known.Node;
        }

        path = [.. path, id];
        var inputs = new List<TraceNode>();
        var inputsKnown = true;
        foreach (var inputId in lot.InputLotIds)
        {
            if (path.Contains(inputId) || !lots.ContainsKey(inputId))
            {
                flags.Add(new TraceFlag(id, TraceFlagKind.UnknownInputLot, path.Contains(inputId)
                    ? $"Lot {id} lists {inputId} as an input, which would make the lot its own ancestor."
                    : $"Lot {id} was made from lot '{inputId}', which is not recorded."));
                inputsKnown = false;
                continue;
            }

            inputs.Add(Node(inputId, lots, bySupplier, keys, memo, flags, cache, path));
        }

        var (certified, certificate) = CheckCertificate(lot, certificates, flags);
        var model = Model(lot, certificate, flags);
        var physical = model is ChainOfCustodyModel.IdentityPreserved or ChainOfCustodyModel.Segregated;
        if (certified && physical && inputs.Any(i => !i.Certified || i.Lot.CertificationScheme != lot.CertificationScheme))
        {
            certified = false;
            flags.Add(new TraceFlag(id, TraceFlagKind.BrokenChainOfCustody, $"Lot {id} claims {lot.CertificationScheme}, but not every lot it was made from is {lot.CertificationScheme}-certified."));
        }

        if (lot.Overdrawn is { Count: > 0 } overdrawn)
        {
            flags.Add(new TraceFlag(id, TraceFlagKind.OverConsumed, $"Lot {id}: more of it left {string.Join(", ", overdrawn.Select(l => $"'{l}'"))} than was there; its mass balance does not close."));
        }

        var traceable = lot.OriginCountry is not null && inputsKnown && inputs.All(i => i.TraceableToOrigin);
        if (lot.OriginCountry is null)
        {
            flags.Add(new TraceFlag(id, TraceFlagKind.UnknownOrigin, $"Lot {id} ({lot.Material} from {lot.SupplierName}) has no country of origin."));
        }

        var kg = Kg(lot);
        var credited = model == ChainOfCustodyModel.MassBalance ? kg * (lot.CreditedShare ?? 0) : kg;
        var certifiedKg = !certified || model == ChainOfCustodyModel.BookAndClaim ? 0 : credited;
        var recycledKg = model switch
        {
            ChainOfCustodyModel.BookAndClaim => 0,
            ChainOfCustodyModel.MassBalance => Math.Min(kg * lot.RecycledShare, credited),
            _ => kg * lot.RecycledShare,
        };
        var node = new TraceNode(lot, certified, traceable, certificate?.Number, inputs, model, certifiedKg, recycledKg);
        cache[id] = node;
        return node;
    }

    /// <summary>
    /// The chain-of-custody model that applies: the lot's (not stated: segregated), but never stricter than its certificate's.
    /// </summary>
    private static ChainOfCustodyModel Model(TraceLot lot, SupplierCertificate? certificate, List<TraceFlag> flags)
    {
        var model = lot.ChainOfCustody ?? ChainOfCustodyModel.Segregated;
        if (certificate?.ChainOfCustody is { } covered && covered > model)
        {
            flags.Add(new TraceFlag(lot.LotId, TraceFlagKind.ChainOfCustodyExceedsCertificate, $"Lot {lot.LotId} states {Words(model)}, but certificate {certificate.Number} covers {Words(covered)} only; {Words(covered)} is applied."));
            model = covered;
        }

        if (model == ChainOfCustodyModel.BookAndClaim && lot.CertificationScheme is not null)
        {
            flags.Add(new TraceFlag(lot.LotId, TraceFlagKind.BookAndClaim, $"Lot {lot.LotId} is {lot.CertificationScheme} by book and claim: the certificates are not physically linked to it, so none of its mass counts as certified or recycled content."));
        }

        return model;
    }

    /// <summary>A chain-of-custody model in words.</summary>
    public static string Words(ChainOfCustodyModel model) => model switch
    {
        ChainOfCustodyModel.IdentityPreserved => "identity preserved",
        ChainOfCustodyModel.Segregated => "segregated",
        ChainOfCustodyModel.MassBalance => "mass balance",
        _ => "book and claim",
    };

    private static (bool Certified, SupplierCertificate? Certificate) CheckCertificate(TraceLot lot, IReadOnlyList<SupplierCertificate> certificates, List<TraceFlag> flags)
    {
        if (lot.CertificationScheme is null)
        {
            return (false, null);
        }

        var held = certificates.Where(c => c.SupplierId == lot.SupplierId && string.Equals(c.Scheme, lot.CertificationScheme, StringComparison.OrdinalIgnoreCase)).ToList();
        if (held.Count == 0)
        {
            flags.Add(new TraceFlag(lot.LotId, TraceFlagKind.MissingCertificate, $"Lot {lot.LotId} claims {lot.CertificationScheme}, but {lot.SupplierName} has no {lot.CertificationScheme} certificate on record."));
            return (false, null);
        }

        if (lot.ShippedOn is not { } day)
        {
            flags.Add(new TraceFlag(lot.LotId, TraceFlagKind.NoShipmentDate, $"Lot {lot.LotId} claims {lot.CertificationScheme} but has not shipped yet, so no certificate date can be checked."));
            return (false, null);
        }

        var valid = held.FirstOrDefault(c => c.ValidOn(day));
        if (valid is null)
        {
            var latest = held.MaxBy(c => c.ValidTo)!;
            flags.Add(new TraceFlag(lot.LotId, TraceFlagKind.ExpiredCertificate, $"Lot {lot.LotId} shipped on {day:yyyy-MM-dd}, outside {lot.SupplierName}'s {lot.CertificationScheme} certificate {latest.Number} ({latest.ValidFrom:yyyy-MM-dd} to {latest.ValidTo:yyyy-MM-dd})."));
            return (false, null);
        }

        return (true, valid);
    }

    /// <summary>A traced lot's mass in kg.</summary>
    public static decimal Kg(TraceLot lot) => lot.Mass.To(Unit.Kilogram).Value;
}
