using EsgTrace.Lineage;
using Xunit;

namespace EsgTrace.Domain.Tests.Lineage;

public sealed class LineageBuilderTests
{
    [Fact]
    public void Hashes_MatchKnownAnswersComputedWithSha256sum()
    {
        var record = new LineageBuilder("product:p1", "footprint/1.0.0")
            .Dataset("esgtrace-starter@2026.1")
            .Input("lot", "L1", new { a = 1 })
            .Build(new { total = 2.5m });

        // printf '{"a":1}' | sha256sum
        Assert.Equal("015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862", record.Inputs.Single().Sha256);
        // printf '{"total":2.5}' | sha256sum
        Assert.Equal("f39f8bec4b459fb660940ce54474747488c45c020d425ea2c6472c4b85ab7ab5", record.ResultSha256);
        // printf 'subject product:p1\ncalculator footprint/1.0.0\ndataset esgtrace-starter@2026.1\ninput lot L1 <a>\nresult <r>\n' | sha256sum
        Assert.Equal("48b7da3e1671e57a56ba24786463db7ce133dbfc4409452f2923641216c9bcc8", record.RootSha256);
    }

    [Fact]
    public void RootHash_ChangesWhenAnyInputChanges_AndNotWithInsertionOrder()
    {
        LineageRecord Build(int a, bool reversed)
        {
            var builder = new LineageBuilder("s", "c");
            if (reversed)
            {
                builder.Input("lot", "L2", new { b = 2 }).Input("lot", "L1", new { a });
            }
            else
            {
                builder.Input("lot", "L1", new { a }).Input("lot", "L2", new { b = 2 });
            }

            return builder.Build(new { total = 1 });
        }

        Assert.Equal(Build(1, false).RootSha256, Build(1, true).RootSha256);
        Assert.NotEqual(Build(1, false).RootSha256, Build(2, false).RootSha256);
    }
}
