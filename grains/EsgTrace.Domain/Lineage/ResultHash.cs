using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace EsgTrace.Lineage;

/// <summary>
/// The hash of a result made of many parts (a footprint's terms, a traceability tree's nodes), computed from the hashes of
/// its parts so a part that did not change is never serialised again: SHA-256 of the UTF-8 text "head {sha256 of the
/// result without its parts}\n" followed by one line "part {sha256 of the part's JSON}\n" per part, in order. A part's
/// hash is kept with the part object itself (parts are immutable records, reused while their inputs are unchanged).
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

    /// <summary>SHA-256 of one part's JSON, computed once per part object.</summary>
    public static string PartHash(object part) => Parts.GetValue(part, p => LineageBuilder.HashOf<object>(p));
}
