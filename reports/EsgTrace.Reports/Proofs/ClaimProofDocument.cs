using System.Globalization;
using EsgTrace.Reports.Pdf;

namespace EsgTrace.Reports.Proofs;

/// <summary>
/// The proof PDF of a sustainability claim (unsigned; <see cref="PdfSigner"/> adds the lineage and the signature).
/// All dates come from the model, so the same claim renders the same bytes.
/// </summary>
public static class ClaimProofDocument
{
    public static byte[] Render(ClaimProofModel model)
    {
        var metadata = ReportMetadata.Of($"Claim proof {model.ClaimId}", model.Statement, "EsgTrace proof generator", $"claim {model.ClaimId}; lineage {model.LineageRootSha256}", model.DocumentDate);
        return PdfRenderer.Render(
            metadata,
            _ => $"EsgTrace claim {model.ClaimId} · lineage {model.LineageRootSha256[..16]}… · verify at {model.VerificationUrl}",
            page =>
            {
                ComposeHeader(page, model);
                ComposeFigures(page, model);
                if (model.Coverage is { } coverage)
                {
                    ComposeCoverage(page, coverage);
                }
                else
                {
                    ComposeTraceability(page, model);
                }

                ComposeMethodology(page, model);
                ComposeWorkflow(page, model);
            },
            $"esgtrace-claim-proof|{model.ClaimId}|{model.LineageRootSha256}|{model.DocumentDate:O}");
    }

    private static void ComposeHeader(PageWriter page, ClaimProofModel m)
    {
        const float qr = 92;
        QrDrawer.Draw(page.Canvas, m.VerificationUrl, PageWriter.PageWidth - PageWriter.Margin - qr, PageWriter.Margin, qr);
        var width = page.ContentWidth - qr - 12;
        page.Text(m.Kind, Typography.Small, width: width);
        page.Text(m.Statement, Typography.Title, width: width);
        page.Space(4);
        page.Text($"Status: {m.Status} · claim {m.ClaimId} · {m.ProductName} ({m.ProductId}), per {m.DeclaredUnit}", Typography.Body, width: width);
        page.Text($"Period: {m.Period} · issued {m.DocumentDate.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC", Typography.Body, width: width);
        page.Text($"Scan or open {m.VerificationUrl} to check this claim's current status and this document.", Typography.Small, width: width);
        page.Space(Math.Max(0, PageWriter.Margin + qr + 8 - page.Y));
    }

    private static void ComposeFigures(PageWriter page, ClaimProofModel m)
    {
        page.Heading("What the data shows");
        page.Text(m.RuleDescription, Typography.Body);
        page.Text(m.Verdict, Typography.Body with { Color = Typography.Brand });
        page.Space(6);
        foreach (var figure in m.Figures)
        {
            page.Need(44);
            page.Text(figure.Label, Typography.Small);
            page.Text($"{figure.Value} {figure.Unit}", Typography.Figure);
        }

        if (m.Breakdown.Count > 0)
        {
            page.Space(6);
            page.Text(m.BreakdownTitle, Typography.Small);
            foreach (var row in m.Breakdown)
            {
                page.Bar(row.Part, row.Share, Co2eFormat.Kg(row.KgCo2e));
            }
        }
    }

    private static void ComposeTraceability(PageWriter page, ClaimProofModel m)
    {
        page.Heading("Traceability");
        page.Text("Suppliers: " + string.Join(", ", m.Suppliers), Typography.Body);
        page.Text("Countries of origin: " + string.Join(", ", m.Origins), Typography.Body);
        page.Text("Certificates valid at shipment: " + (m.Certificates.Count == 0 ? "none" : string.Join("; ", m.Certificates)), Typography.Body);
    }

    private static void ComposeCoverage(PageWriter page, ProofCoverage coverage)
    {
        page.Heading(coverage.Heading);
        foreach (var line in coverage.Lines)
        {
            page.Text(line, Typography.Body);
        }
    }

    private static void ComposeMethodology(PageWriter page, ClaimProofModel m)
    {
        page.Heading("Method, factors and lineage");
        page.Text(m.Methodology, Typography.Body);
        page.Text($"Factor dataset {m.Dataset} · calculator {m.Calculator}", Typography.Body);
        page.Space(4);
        page.Table(["Factor", "Value", "Source"], [0.28f, 0.17f, 0.55f], m.Factors.Select(f => (IReadOnlyList<string>)[f.Id, f.Value, f.Source]));
        page.Space(6);
        page.Text("Lineage root hash (SHA-256 over every input, the dataset, the calculator and the result):", Typography.Small);
        page.Text(m.LineageRootSha256, Typography.Mono);
        page.Text("The full lineage is attached to this PDF as lineage.json.", Typography.Small);
    }

    private static void ComposeWorkflow(PageWriter page, ClaimProofModel m)
    {
        page.Heading("Who checked and approved it");
        page.Table(["Step", "By", "When (UTC)", "What they saw"], [0.14f, 0.18f, 0.2f, 0.48f], m.Workflow.Select(s => (IReadOnlyList<string>)[s.Step, s.Actor, s.At, s.Saw]));
    }
}
