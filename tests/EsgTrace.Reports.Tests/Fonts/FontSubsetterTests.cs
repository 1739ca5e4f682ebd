using System.Buffers.Binary;
using EsgTrace.Reports.Fonts;
using EsgTrace.Reports.Pdf;
using SkiaSharp;
using Xunit;

namespace EsgTrace.Reports.Tests.Fonts;

/// <summary>The subset of DejaVu Sans, loaded back by Skia (FreeType) and read table by table.</summary>
public sealed class FontSubsetterTests
{
    private const string Shown = "Cradle-to-gate ≤ 1.4 kg CO2e · café — “proof”";

    private static byte[] SubsetOf(string text) => FontSubsetter.Subset(Typography.FontProgram, text.EnumerateRunes().Select(r => r.Value));

    [Fact]
    public void Subset_MapsEveryShownCharacter_ToAGlyphWithTheSameAdvance()
    {
        using var subset = Typography.Load(SubsetOf(Shown));
        using var small = new SKFont(subset, 11) { Subpixel = true };
        using var whole = new SKFont(Typography.Typeface, 11) { Subpixel = true };

        Assert.DoesNotContain((ushort)0, small.GetGlyphs(Shown));
        Assert.Equal(whole.MeasureText(Shown), small.MeasureText(Shown));
        foreach (var c in Shown.Distinct())
        {
            Assert.Equal(whole.MeasureText(c.ToString()), small.MeasureText(c.ToString()));
        }
    }

    [Fact]
    public void Subset_LeavesOutCharactersNotShown()
    {
        using var subset = Typography.Load(SubsetOf(Shown));
        using var font = new SKFont(subset, 11);

        Assert.Equal((ushort)0, font.GetGlyphs("Z")[0]);
        Assert.Equal((ushort)0, font.GetGlyphs("ж")[0]);
        Assert.True(subset.GlyphCount < 60, $"{subset.GlyphCount} glyphs kept");
    }

    [Fact]
    public void Subset_IsAFewPercentOfTheFont_WithoutLayoutTables()
    {
        var subset = new SfntFile(SubsetOf(Shown));

        Assert.True(subset.Bytes.Length < Typography.FontProgram.Length / 20, $"{subset.Bytes.Length} bytes");
        foreach (var needed in new[] { "head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap", "name", "post", "OS/2" })
        {
            Assert.Contains(needed, subset.Tables.Keys);
        }

        foreach (var dropped in new[] { "GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM" })
        {
            Assert.DoesNotContain(dropped, subset.Tables.Keys);
        }
    }

    [Fact]
    public void Subset_HasCorrectTableChecksums_AndChecksumAdjustment()
    {
        var subset = new SfntFile(SubsetOf(Shown));

        foreach (var (tag, (checksum, offset, length)) in subset.Tables)
        {
            var data = subset.Bytes.AsSpan(offset, length).ToArray();
            if (tag == "head")
            {
                BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(8), 0); // checksumAdjustment is left out of head's own sum
            }

            Assert.True(SfntFile.Checksum(data) == checksum, $"table {tag}");
        }

        // OpenType: the whole file sums to 0xB1B0AFBA once head.checksumAdjustment is in place.
        Assert.Equal(0xB1B0AFBAu, SfntFile.Checksum(subset.Bytes));
    }

    [Fact]
    public void Subset_IsTheSameBytes_WhateverTheOrderOfTheCharacters()
        => Assert.Equal(SubsetOf(Shown), SubsetOf(new string(Shown.Reverse().ToArray())));

    [Fact]
    public void Subset_RefusesBytesThatAreNotAFont()
        => Assert.Throws<InvalidDataException>(() => FontSubsetter.Subset(new byte[1024], [65, 66]));
}
