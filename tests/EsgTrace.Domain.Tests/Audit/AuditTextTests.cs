using EsgTrace.Audit;
using Xunit;

namespace EsgTrace.Domain.Tests.Audit;

public sealed class AuditTextTests
{
    [Theory]
    [InlineData("supplier:acme", "supplier:acme")]
    [InlineData("line one\r\nforged: admin approved", "line one  forged: admin approved")]
    [InlineData("a\u2028b\u2029c\u0085d\te\u0000f", "a b c d e f")]
    [InlineData("bidi \u202Egnp.exe", "bidi  gnp.exe")]
    [InlineData("🧵 thread", "🧵 thread")]
    public void Clean_MakesOneLine_KeepingPrintableText(string text, string expected) => Assert.Equal(expected, AuditText.Clean(text));

    [Fact]
    public void Clean_ReplacesALoneSurrogate() => Assert.Equal("lone   surrogate", AuditText.Clean("lone " + '\uD800' + " surrogate"));

    [Fact]
    public void Clean_CutsLongText_WithAnEllipsis()
    {
        var clean = AuditText.Clean(new string('x', 100_000));

        Assert.Equal(AuditText.MaxLength, clean.Length);
        Assert.EndsWith(AuditText.Ellipsis, clean, StringComparison.Ordinal);
        Assert.Equal(new string('x', 200), AuditText.Clean(new string('x', 200)));
    }

    [Fact]
    public void Clean_NeverSplitsASurrogatePair()
    {
        for (var pad = 195; pad <= 201; pad++)
        {
            var clean = AuditText.Clean(new string('x', pad) + string.Concat(Enumerable.Repeat("🌍", 10)));

            Assert.True(clean.Length <= AuditText.MaxLength, $"{pad}: {clean.Length}");
            Assert.DoesNotContain(clean.Select((c, i) => (c, i)), p => char.IsHighSurrogate(p.c) && (p.i + 1 >= clean.Length || !char.IsLowSurrogate(clean[p.i + 1])));
        }
    }
}
