using System.Security.Cryptography;
using System.Text;
using EsgTrace.Reports.GreenIt;
using EsgTrace.Reports.Pdf;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Reports.Tests;

/// <summary>The green-IT report PDF, a year of months and a dozen workloads, read back with poppler.</summary>
public sealed class GreenItReportPdfTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("esgtrace-greenit-").FullName;

    private static GreenItReportModel Model() => new(
        "IT emissions of Example Textiles GmbH",
        "2026-01-01 to 2026-12-31",
        new DateTimeOffset(2026, 12, 31, 18, 0, 0, TimeSpan.Zero),
        [new("IT emissions, location-based (operational + embodied)", "4812.35", "kg CO2e"), new("Energy (PUE included)", "11873.2", "kWh")],
        Enumerable.Range(1, 12).Select(m => new ReportColumn($"2026-{m:00}", 300 + (m * 17.5m))).ToList(),
        [new("aws", 1m, "2710.1"), new("on-premises", 0.77m, "2102.25")],
        [new("eu-central-1", 1m, "2710.1"), new("DE", 0.77m, "2102.25")],
        Enumerable.Range(1, 12).Select(i => (IReadOnlyList<string>)[$"Workload {i} (wl-{i:00})", i % 2 == 0 ? "aws:eu-central-1" : "on-premises:DE", $"{900 + i}.5", $"{380 + i}.25", "—", $"0.00{i}1 kg / request"]).ToList(),
        [["Move batch jobs to night hours", "2026-06-01", "realised", "123.4", "Batch jobs ran between 01:00 and 05:00, when the grid's intensity is lowest."]],
        "Target: 20 % below 2025 by 2030; on track (−7.2 % so far).",
        ["wl-03: run in eu-north-1 to save about 210 kg CO2e a year."],
        ["Energy = usage × PUE; location-based factors from the hourly dataset.", "Embodied emissions amortised over 4 years."],
        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

    [Fact]
    public async Task SignedReport_IsUnder100KiB_WithASubsetFont_AndItsTextExtracts()
    {
        var report = await PdfSigner.SignWithAttachmentAsync(
            GreenItReportDocument.Render(Model()),
            new PdfAttachment("green-it-figures.json", "application/json", "figures", Encoding.UTF8.GetBytes("{\"kgCo2e\":4812.35}")),
            ClaimProofPdfTests.Certificate,
            Model().DocumentDate,
            "EsgTrace green-IT report");
        var path = Path.Combine(_folder, "green-it-report.pdf");
        File.WriteAllBytes(path, report);
        if (Environment.GetEnvironmentVariable("ESGTRACE_SCREENSHOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.WriteAllBytes(Path.Combine(keep, "green-it-report.pdf"), report);
        }

        var (fontsExit, fonts) = Poppler.Run("pdffonts", path);
        var (textExit, text) = Poppler.Run("pdftotext", path, "-");
        var (checkExit, check) = Poppler.Run("qpdf", "--check", path);

        Assert.True(report.Length < 100 * 1024, $"{report.Length} bytes");
        Assert.True(fontsExit == 0 && textExit == 0 && checkExit == 0, fonts + text + check);
        Assert.Matches(@"[A-Z]{6}\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", fonts);
        Assert.Contains("IT emissions of Example Textiles GmbH", text, StringComparison.Ordinal);
        Assert.Contains("Workload 12 (wl-12)", text, StringComparison.Ordinal);
        Assert.Contains("−7.2 %", text, StringComparison.Ordinal);
        Assert.True(PdfSignatureInspector.Inspect(report).SignatureValid);
    }

    [Fact]
    public void TheSameFigures_RenderByteIdentical()
        => Assert.Equal(SHA256.HashData(GreenItReportDocument.Render(Model())), SHA256.HashData(GreenItReportDocument.Render(Model())));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
