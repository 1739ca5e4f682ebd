using EsgTrace.Lineage;
using Xunit;

namespace EsgTrace.Domain.Tests.Lineage;

/// <summary>Both text forms of a lineage root are recomputable from the record alone.</summary>
public sealed class LineageFormsTests
{
    private const string Input = "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862";
    private const string Result = "f39f8bec4b459fb660940ce54474747488c45c020d425ea2c6472c4b85ab7ab5";

    [Fact]
    public void MerkleForm_MatchesKnownAnswersComputedWithSha256sum()
    {
        var inputs = new[] { new LineageInput("lot", "L1@v1", Input) };
        var record = LineageBuilder.BuildMerkle("product:p1", "footprint/2.0.0", ["esgtrace-starter@2026.1"], inputs, MerkleTree.RootOf(inputs.Select(LineageBuilder.MerkleLeaf).ToList()), Result);

        // (printf '\x00'; printf 'input lot L1@v1 <a>') | sha256sum
        Assert.Equal("bdf9cdaeb522c9c25ce5aabd8d145e12c6d4c92128e62ce3707696d5da30b84e", MerkleTree.RootOf(["input lot L1@v1 " + Input]));
        // printf 'lineage/2\nsubject product:p1\ncalculator footprint/2.0.0\ndataset esgtrace-starter@2026.1\ninputs 1 <m>\nresult <r>\n' | sha256sum
        Assert.Equal("6138c65840d36a0df50155bfebc5502c3f8c81c6cc04818e495e88e37df18f87", record.RootSha256);
        Assert.Equal(LineageBuilder.MerkleForm, record.Form);
        Assert.Equal(record.RootSha256, LineageBuilder.RootOf(record));
    }

    [Fact]
    public void RecordsOfTheFirstForm_StayVerifiable()
    {
        var record = new LineageBuilder("product:p1", "footprint/1.0.0").Dataset("esgtrace-starter@2026.1").Input("lot", "L1", new { a = 1 }).Build(new { total = 2.5m });

        Assert.Null(record.Form);
        Assert.Equal("48b7da3e1671e57a56ba24786463db7ce133dbfc4409452f2923641216c9bcc8", LineageBuilder.RootOf(record));
        Assert.NotEqual(record.RootSha256, LineageBuilder.RootOf(record with { ResultSha256 = Input }));
    }

    [Fact]
    public void A_tampered_input_changes_the_recomputed_Merkle_root()
    {
        var inputs = new[] { new LineageInput("lot", "L1@v1", Input), new LineageInput("lot", "L2@v4", Result), new LineageInput("product", "p1@v1", Input) };
        var record = LineageBuilder.BuildMerkle("product:p1", "traceability/2.0.0", [], inputs, MerkleTree.RootOf(inputs.Select(LineageBuilder.MerkleLeaf).ToList()), Result);

        Assert.Equal(record.RootSha256, LineageBuilder.RootOf(record));
        Assert.NotEqual(record.RootSha256, LineageBuilder.RootOf(record with { Inputs = [inputs[0], inputs[1] with { Sha256 = Input }, inputs[2]] }));
    }
}
