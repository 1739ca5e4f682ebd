using System.Globalization;
using EsgTrace.Reports.Pdf;

namespace EsgTrace.Reports.GreenIt;

/// <summary>The green-IT report for a period: headline figures, monthly chart, breakdowns, workloads, savings, target, method.</summary>
public static class GreenItReportDocument
{
    public static byte[] Render(GreenItReportModel model)
    {
        var metadata = ReportMetadata.Of(model.Title, $"IT emissions {model.Period}", "EsgTrace green-IT report", $"green IT; {model.Period}; figures {model.FiguresSha256}", model.DocumentDate);
        return PdfRenderer.Render(
            metadata,
            _ => $"EsgTrace green-IT report · {model.Period} · figures SHA-256 {model.FiguresSha256[..16]}…",
            page => Compose(page, model),
            $"esgtrace-green-it-report|{model.Period}|{model.FiguresSha256}|{model.DocumentDate:O}");
    }

    private static void Compose(PageWriter page, GreenItReportModel model)
    {
        page.Text("Green-IT report", Typography.Small);
        page.Text(model.Title, Typography.Title);
        page.Text($"Period {model.Period} · issued {model.DocumentDate.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC", Typography.Body);
        page.Space(6);
        ReportFigures.Write(page, model.Headline);

        page.Heading("Emissions by month (kg CO2e, location-based, incl. embodied)");
        Columns(page, model.Monthly);
        Bars(page, "By provider (kg CO2e)", model.ByProvider);
        Bars(page, "By region (kg CO2e)", model.ByRegion);
        page.Heading("Workloads");
        page.Table(["Workload", "Provider:region", "kWh", "kg CO2e", "market-based", "SCI per unit"], [0.24f, 0.2f, 0.12f, 0.12f, 0.14f, 0.18f], model.Workloads, new HashSet<int> { 2, 3, 4 });
        page.Heading("Green-IT actions and savings");
        if (model.Actions.Count == 0)
        {
            page.Text("No actions recorded.", Typography.Body);
        }
        else
        {
            page.Table(["Action", "From", "Status", "Saving kg CO2e", "Explanation"], [0.2f, 0.12f, 0.1f, 0.13f, 0.45f], model.Actions, new HashSet<int> { 3 });
        }

        page.Heading("Target");
        page.Text(model.Target ?? "No target set.", Typography.Body);
        page.Heading("Top carbon-aware opportunities");
        foreach (var line in model.Opportunities.DefaultIfEmpty("No opportunity found: every workload already runs where and when intensity is lowest, or declares no alternatives."))
        {
            page.Text("• " + line, Typography.Body);
        }

        page.Heading("Method and sources");
        foreach (var line in model.Method)
        {
            page.Text(line, Typography.Small);
        }
    }

    private static void Bars(PageWriter page, string title, IReadOnlyList<ReportBar> bars)
    {
        if (bars.Count == 0)
        {
            return;
        }

        page.Space(6);
        page.Text(title, Typography.Small);
        foreach (var bar in bars)
        {
            page.Bar(bar.Label, bar.Share, bar.Value);
        }
    }

    private static void Columns(PageWriter page, IReadOnlyList<ReportColumn> columns)
        => ColumnChart.Draw(page, columns.Select(c => (c.Label, c.Value)).ToList(), Co2eFormat.Kg, "No usage in this period.");
}
