using System.Security.Cryptography;
using System.Text;
using EsgTrace.Lineage;

using Xunit;

namespace EsgTrace.Domain.Tests.Lineage;

public sealed class MerkleTreeTests
{
    [Fact]
    public void The_root_is_the_RFC_6962_tree_hash_and_stays_so_as_leaves_change()
    {
        var random = new Random(3);
        for (var n = 0; n < 40; n++)
        {
            var leaves = Enumerable.Range(0, n).Select(i => $"leaf {i}").ToList();
            var tree = new MerkleTree(leaves);
            Assert.Equal(Rfc6962(leaves), tree.RootHex);
            for (var change = 0; change < 5 && n > 0; change++)
            {
                var at = random.Next(n);
                leaves[at] = $"changed {random.Next()}";
                tree.Set(at, leaves[at]);
                Assert.Equal(Rfc6962(leaves), tree.RootHex);
            }
        }
    }

    [Fact]
    public void Known_values()
    {
        // SHA-256 of nothing; a single leaf is SHA-256(0x00 ‖ "a").
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", MerkleTree.RootOf([]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData([0, (byte)'a'])), MerkleTree.RootOf(["a"]));
    }

    // RFC 6962, 2.1, written out as the RFC states it.
    private static string Rfc6962(IReadOnlyList<string> d) => Convert.ToHexStringLower(Mth(d.Select(x => Encoding.UTF8.GetBytes(x)).ToList()));

    private static byte[] Mth(List<byte[]> d)
    {
        if (d.Count == 0)
        {
            return SHA256.HashData([]);
        }

        if (d.Count == 1)
        {
            return SHA256.HashData([0, .. d[0]]);
        }

        var k = 1;
        while (k * 2 < d.Count)
        {
            k *= 2;
        }

        return SHA256.HashData([1, .. Mth(d[..k]), .. Mth(d[k..])]);
    }
}
