using System.Security.Cryptography;
using System.Text;

namespace EsgTrace.Lineage;

/// <summary>
/// The Merkle tree hash of RFC 6962 (section 2.1) over a list of text leaves, kept so one leaf changes in O(log n):
/// a leaf's hash is SHA-256(0x00 ‖ UTF-8 text), a node's SHA-256(0x01 ‖ left ‖ right), a list of n &gt; 1 leaves splits
/// after the largest power of two below n, and the empty list hashes to SHA-256 of nothing. The root depends on the leaves
/// and their order alone, so anyone can recompute it from the list (<see cref="RootOf"/>).
/// </summary>
public sealed class MerkleTree
{
    private readonly byte[][] _nodes;
    private readonly int _count;

    public MerkleTree(IReadOnlyList<string> leaves)
    {
        _count = leaves.Count;
        _nodes = new byte[Math.Max(1, 4 * _count)][];
        if (_count == 0)
        {
            _nodes[0] = SHA256.HashData([]);
            return;
        }

        Build(0, 0, _count, leaves);
    }

    public int Count => _count;

    public string RootHex => Convert.ToHexStringLower(_nodes[0]);

    /// <summary>Replaces leaf <paramref name="index"/>: rehashes the path from it to the root.</summary>
    public void Set(int index, string leaf)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _count);
        Set(0, 0, _count, index, leaf);
    }

    /// <summary>The root of <paramref name="leaves"/> computed from nothing (what an auditor does).</summary>
    public static string RootOf(IReadOnlyList<string> leaves) => new MerkleTree(leaves).RootHex;

    private byte[] Build(int node, int from, int to, IReadOnlyList<string> leaves)
    {
        if (to - from == 1)
        {
            return _nodes[node] = Leaf(leaves[from]);
        }

        var split = from + Split(to - from);
        return _nodes[node] = Inner(Build((2 * node) + 1, from, split, leaves), Build((2 * node) + 2, split, to, leaves));
    }

    private void Set(int node, int from, int to, int index, string leaf)
    {
        if (to - from == 1)
        {
            _nodes[node] = Leaf(leaf);
            return;
        }

        var split = from + Split(to - from);
        if (index < split)
        {
            Set((2 * node) + 1, from, split, index, leaf);
        }
        else
        {
            Set((2 * node) + 2, split, to, index, leaf);
        }

        _nodes[node] = Inner(_nodes[(2 * node) + 1], _nodes[(2 * node) + 2]);
    }

    /// <summary>The largest power of two below <paramref name="n"/> (n &gt; 1).</summary>
    private static int Split(int n) => 1 << (31 - int.LeadingZeroCount(n - 1));

    private static byte[] Leaf(string text)
    {
        var bytes = new byte[1 + Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, bytes.AsSpan(1));
        return SHA256.HashData(bytes);
    }

    private static byte[] Inner(byte[] left, byte[] right)
    {
        Span<byte> bytes = stackalloc byte[65];
        bytes[0] = 1;
        left.CopyTo(bytes[1..]);
        right.CopyTo(bytes[33..]);
        return SHA256.HashData(bytes);
    }
}
