using EsgTrace.Lineage;
using EsgTrace.SupplyChain;

namespace EsgTrace.Analysis;

/// <summary>
/// The inputs of a product's lineage (its products, batches, lots and suppliers, each with its content hash), sorted by
/// kind then id as the lineage lists them, with the Merkle root of their lines (<see cref="LineageBuilder.MerkleForm"/>)
/// kept current: a lot's new version replaces its line in O(log n) while it sorts into the same place.
/// </summary>
public sealed partial class LineageInputs
{
    private readonly LineageInput[] _sorted;
    private readonly Dictionary<string, int> _lots;
    private readonly MerkleTree _tree;

    private LineageInputs(LineageInput[] sorted)
    {
        _sorted = sorted;
        _lots = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Kind == "lot")
            {
                _lots[sorted[i].Id[..sorted[i].Id.LastIndexOf("@v", StringComparison.Ordinal)]] = i;
            }
        }

        _tree = new MerkleTree(sorted.Select(LineageBuilder.MerkleLeaf).ToList());
        Inputs = sorted.ToArray();
    }

    /// <summary>The inputs in lineage order (a new list per change: earlier records keep theirs).</summary>
    public IReadOnlyList<LineageInput> Inputs { get; private set; }

    public string MerkleRoot => _tree.RootHex;

    /// <summary>How many lots the inputs hold.</summary>
    public int Lots => _lots.Count;

    /// <summary>The PACT footprint a lot's primary factor was imported from (its id and document SHA-256, as the import writes them in the source), or null.</summary>
    public static (string Id, string Sha256)? PactDocument(LotView lot)
        => lot.Lot.Factor.Source is { } source && PactSource().Match(source) is { Success: true } m ? (m.Groups[1].Value, m.Groups[2].Value) : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^PACT ProductFootprint ([0-9a-fA-F-]{36}) .*?document SHA-256 ([0-9a-f]{64})")]
    private static partial System.Text.RegularExpressions.Regex PactSource();

    public static LineageInputs Of(SupplyChainSnapshot data, InputHashCache? hashes = null)
    {
        hashes ??= new InputHashCache();
        var inputs = new Dictionary<(string Kind, string Id), LineageInput>();
        void Add(string kind, string id, string sha) => inputs[(kind, id)] = new LineageInput(kind, id, sha);
        foreach (var p in data.Products.Values)
        {
            Add("product", $"{p.Id}@v{p.Version}", hashes.Hash("product", $"{p.Id}@v{p.Version}", p.Product));
        }

        foreach (var b in data.BatchesByProduct.Values.SelectMany(x => x))
        {
            Add("batch", $"{b.Id}@v{b.Version}", hashes.Hash("batch", $"{b.Id}@v{b.Version}", b.Batch));
        }

        // The lot hashes itself once per change (its ledger changes without a new event-log version).
        foreach (var l in data.Lots.Values)
        {
            Add("lot", LotId(l), l.ContentSha256);
            // A primary factor imported from a PACT footprint names the document's SHA-256: an input of its own.
            if (PactDocument(l) is { } document)
            {
                Add("pact-footprint", document.Id, document.Sha256);
            }
        }

        foreach (var s in data.Suppliers.Values)
        {
            Add("supplier", $"{s.Id}@v{s.Version}", hashes.Hash("supplier", $"{s.Id}@v{s.Version}", new { s.Name, s.Country, s.Tier, s.Gln, s.Certificates }));
        }

        return new LineageInputs(inputs.Values.OrderBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal).ToArray());
    }

    /// <summary>Takes the lots' new versions; false when one is not held or would sort elsewhere (the caller rebuilds).</summary>
    public bool TryUpdate(IEnumerable<LotView> lots)
    {
        var changed = false;
        foreach (var lot in lots)
        {
            if (!_lots.TryGetValue(lot.Id, out var i))
            {
                return false;
            }

            if (PactDocument(lot) is not null)
            {
                return false; // its document input may have changed too: rebuilt
            }

            var input = new LineageInput("lot", LotId(lot), lot.ContentSha256);
            if (input == _sorted[i])
            {
                continue;
            }

            if ((i > 0 && Compare(_sorted[i - 1], input) >= 0) || (i < _sorted.Length - 1 && Compare(input, _sorted[i + 1]) >= 0))
            {
                return false;
            }

            _sorted[i] = input;
            _tree.Set(i, LineageBuilder.MerkleLeaf(input));
            changed = true;
        }

        if (changed)
        {
            Inputs = _sorted.ToArray();
        }

        return true;
    }

    private static string LotId(LotView lot) => $"{lot.Id}@v{lot.Version}";

    private static int Compare(LineageInput a, LineageInput b)
    {
        var kind = string.CompareOrdinal(a.Kind, b.Kind);
        return kind != 0 ? kind : string.CompareOrdinal(a.Id, b.Id);
    }
}
