using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using EsgTrace.Reports.Pdf;
using Xunit;

namespace EsgTrace.Reports.Tests;

/// <summary>
/// The public check reads PDFs from anyone. A real signed proof is mutated (byte flips, truncations, /ByteRange edits with
/// huge, negative, overlapping and out-of-file numbers, signature dictionaries removed, duplicated or with broken /Contents)
/// and the inspector must answer every case with a report, never an exception; only the unchanged proof verifies.
/// CsCheck prints the seed of a failing case, so it can be replayed.
/// </summary>
public sealed partial class PdfSignatureInspectorFuzzTests
{
    private static readonly Lazy<byte[]> Proof = new(() => ClaimProofPdfTests.SignedProofAsync().GetAwaiter().GetResult());

    // Declared before the mutations that use it: static properties initialise in order.
    private static Gen<string> Number { get; } = Gen.OneOf(
        Gen.Long[0, 100_000].Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Const("99999999999999999999999999"), Gen.Const(long.MaxValue.ToString(CultureInfo.InvariantCulture)), Gen.Const("-5"), Gen.Const("0"),
        Gen.Const("1e9"), Gen.Const("18446744073709551615"));

    /// <summary>Mutations of a signed proof, each a function of the proof.</summary>
    public static Gen<(string Name, Func<byte[], byte[]> Apply)> Mutations { get; } = Gen.OneOf(
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte[1, 255], (at, mask) => ("flip", (Func<byte[], byte[]>)(pdf => Flip(pdf, at % pdf.Length, mask)))),
        Gen.Int[0, int.MaxValue].Select(at => ("truncate", (Func<byte[], byte[]>)(pdf => pdf[..(at % pdf.Length)]))),
        Gen.Select(Number, Number, Number, Number, (a, b, c, d) => ("byterange " + string.Join(' ', a, b, c, d), (Func<byte[], byte[]>)(pdf => WithByteRange(pdf, a, b, c, d)))),
        Gen.Const(("no signature", (Func<byte[], byte[]>)(pdf => Replace(pdf, "/ByteRange", "/ByteRangX")))),
        Gen.Const(("duplicated signature", (Func<byte[], byte[]>)(pdf => [.. pdf, .. Encoding.Latin1.GetBytes("\n" + SignatureDictionary().Matches(Encoding.Latin1.GetString(pdf))[^1].Value + "\n")]))),
        Gen.String[Gen.Char["0123456789abcdefXYZ"], 0, 64].Select(hex => ("contents " + hex, (Func<byte[], byte[]>)(pdf => WithContents(pdf, hex)))));

    [Fact]
    public void Unchanged_Verifies() => Assert.True(PdfSignatureInspector.Inspect(Proof.Value) is { Signed: true, SignatureValid: true, CoversWholeFile: true });

    [Fact]
    public void MutatedProofs_AlwaysGetAReport_NeverAnException()
    {
        var proof = Proof.Value;
        var started = System.Diagnostics.Stopwatch.StartNew();
        Mutations.Sample(m =>
        {
            var mutated = m.Apply(proof);
            var report = PdfSignatureInspector.Inspect(mutated);
            // A change to the signed bytes can never leave a valid signature that covers the whole file.
            return !mutated.AsSpan().SequenceEqual(proof) ? !(report.SignatureValid && report.CoversWholeFile) || SameSignedBytes(proof, mutated) : report.SignatureValid;
        }, iter: 3000, threads: 1, print: m => m.Name);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), $"3,000 cases took {started.Elapsed}");
    }

    [Theory]
    [InlineData("0", "99999999999999999999999999", "1", "2")]
    [InlineData("0", "40000000", "40000010", "5")]
    [InlineData("0", "900", "100", "5")]
    [InlineData("0", "100", "200", "9223372036854775807")]
    [InlineData("5", "100", "200", "300")]
    public void CraftedByteRange_IsAnInvalidSignature(string a, string b, string c, string d)
    {
        var report = PdfSignatureInspector.Inspect(WithByteRange(Proof.Value, a, b, c, d));

        Assert.False(report.SignatureValid && report.CoversWholeFile);
        Assert.NotNull(report.Problem);
    }

    /// <summary>Bytes outside the signed ranges may change (the /Contents padding): the signature still covers the file.</summary>
    private static bool SameSignedBytes(byte[] proof, byte[] mutated)
        => mutated.Length == proof.Length && SignatureDictionary().Match(Encoding.Latin1.GetString(proof)) is var m
           && Enumerable.Range(0, proof.Length).Where(i => proof[i] != mutated[i]).All(i => i >= m.Groups[5].Index && i < m.Groups[5].Index + m.Groups[5].Length);

    private static byte[] Flip(byte[] pdf, int at, byte mask)
    {
        var copy = (byte[])pdf.Clone();
        copy[at] ^= mask;
        return copy;
    }

    private static byte[] WithByteRange(byte[] pdf, string a, string b, string c, string d)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var m = SignatureDictionary().Matches(text)[^1];
        return Encoding.Latin1.GetBytes(text[..m.Groups[1].Index] + $"{a} {b} {c} {d}" + text[(m.Groups[4].Index + m.Groups[4].Length)..]);
    }

    private static byte[] WithContents(byte[] pdf, string hex)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var m = SignatureDictionary().Matches(text)[^1];
        return Encoding.Latin1.GetBytes(text[..m.Groups[5].Index] + hex + text[(m.Groups[5].Index + m.Groups[5].Length)..]);
    }

    private static byte[] Replace(byte[] pdf, string from, string to) => Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(pdf).Replace(from, to, StringComparison.Ordinal));

    [GeneratedRegex(@"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]\s*/Contents\s*<([0-9A-Fa-f]*)>")]
    private static partial Regex SignatureDictionary();
}
