using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace EsgTrace.Lineage;

/// <summary>
/// The hash of a result made of many parts (a footprint's terms, a traceability tree's nodes), computed from the hashes of
/// its parts so a part that did not change is never serialised again: SHA-256 of the UTF-8 text "head {sha256 of the
/// result without its parts}\n" followed by one line "part {sha256 of the part's JSON}\n" per part, in order. A part's
/// hash is kept with the part object itself (parts are immutable records, reused while their inputs are unchanged).
/// That is the first form (<see cref="Of"/>), kept so results of records of the first lineage form stay verifiable.
/// Records of the second form (<see cref="LineageBuilder.MerkleForm"/>) hash a result as SHA-256 of the UTF-8 text
/// "head {sha256 of the result without its parts}\n" + "parts {count} {merkle root}\n", the merkle root being RFC 6962's
/// (<see cref="MerkleTree"/>) over the parts' hashes (lowercase hex) in order (<see cref="MerkleOf"/>), so one changed part
/// costs O(log n).
/// </summary>
public static class ResultHash
{
    private static readonly ConditionalWeakTable<object, string> Parts = new();

    public static string Of<THead>(THead head, IEnumerable<object> parts)
    {
        var text = new StringBuilder(4096);
        text.Append("head ").Append(LineageBuilder.HashOf(head)).Append('\n');
        foreach (var part in parts)
        {
            text.Append("part ").Append(PartHash(part)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The second form, from nothing.</summary>
    public static string MerkleOf<THead>(THead head, IEnumerable<object> parts)
    {
        var leaves = parts.Select(PartHash).ToList();
        return FromMerkle(LineageBuilder.HashOf(head), leaves.Count, MerkleTree.RootOf(leaves));
    }

    /// <summary>The second form from the head's hash and the parts' Merkle root (kept current by the caller).</summary>
    public static string FromMerkle(string headSha256, int parts, string merkleRoot)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"head {headSha256}\nparts {parts} {merkleRoot}\n")));

    /// <summary>SHA-256 of one part's JSON, computed once per part object.</summary>
    public static string PartHash(object part) => Parts.GetValue(part, p => LineageBuilder.HashOf<object>(p));
}
