using System.Globalization;
using EsgTrace.Reports.GreenIt;
using EsgTrace.Reports.Pdf;

namespace EsgTrace.Reports.Scorecard;

/// <summary>The shared CMO/CIO scorecard as a PDF (unsigned; <see cref="PdfSigner"/> adds the figures and the signature).</summary>
public static class ScorecardDocument
{
    public static byte[] Render(ScorecardReportModel model)
    {
        var metadata = ReportMetadata.Of(model.Title, $"Scorecard {model.Period}", "EsgTrace scorecard", $"scorecard; {model.Period}; figures {model.FiguresSha256}", model.DocumentDate);
        return PdfRenderer.Render(
            metadata,
            _ => $"EsgTrace scorecard · {model.Period} · figures SHA-256 {model.FiguresSha256[..16]}…",
            page => Compose(page, model),
            $"esgtrace-scorecard|{model.Period}|{model.FiguresSha256}|{model.DocumentDate:O}");
    }

    private static void Compose(PageWriter page, ScorecardReportModel m)
    {
        page.Text("Scorecard shared by marketing (CMO) and IT (CIO)", Typography.Small);
        page.Text(m.Title, Typography.Title);
        page.Text($"Green-IT period {m.Period} · issued {m.DocumentDate.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC", Typography.Body);
        page.Space(6);
        ReportFigures.Write(page, m.Headline);

        page.Heading("Claims");
        foreach (var bar in m.ClaimsByStatus)
        {
            page.Bar(bar.Label, bar.Share, bar.Value);
        }

        page.Space(4);
        if (m.Claims.Count > 0)
        {
            page.Table(["Claim", "Status", "Valid until", "Days draft → published", "Lineage"], [0.16f, 0.12f, 0.12f, 0.12f, 0.48f], m.Claims, new HashSet<int> { 3 });
        }

        page.Heading("Product footprints over time (kg CO2e per declared unit, by production batch)");
        foreach (var product in m.Products.DefaultIfEmpty(new ReportSection("No products recorded.", [], string.Empty)))
        {
            page.Need(40);
            page.Text(product.Title, Typography.Body);
            foreach (var bar in product.Bars)
            {
                page.Bar(bar.Label, bar.Share, bar.Value);
            }

            page.Text(product.Note, Typography.Small);
            page.Space(4);
        }

        page.Heading("IT emissions by month against the target (kg CO2e, location-based, incl. embodied)");
        ColumnChart.Draw(page, m.ItMonthly.Select(c => (c.Label, c.Value)).ToList(), Co2eFormat.Kg, "No usage in this period.");
        page.Text(m.Target ?? "No target set.", Typography.Body);

        page.Heading("Green-IT savings: carbon and money");
        if (m.Savings.Count == 0)
        {
            page.Text("No actions recorded.", Typography.Body);
        }
        else
        {
            page.Table(["Action", "Status", "kg CO2e saved", "One-off cost", "Saving / month", "Payback"], [0.28f, 0.1f, 0.14f, 0.16f, 0.16f, 0.16f], m.Savings, new HashSet<int> { 2, 3, 4, 5 });
        }

        foreach (var line in m.MoneyTotals)
        {
            page.Text(line, Typography.Body);
        }

        page.Heading("Lineage of every figure");
        foreach (var line in m.Lineage)
        {
            page.Text(line, Typography.Small);
        }

        page.Heading("Method and sources");
        foreach (var line in m.Method)
        {
            page.Text(line, Typography.Small);
        }
    }
}
