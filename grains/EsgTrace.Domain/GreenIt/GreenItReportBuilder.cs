using System.Security.Cryptography;
using System.Text.Json;
using EsgTrace.Reports.GreenIt;
using EsgTrace.Reports.Pdf;
using EsgTrace.Time;
using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>Turns a dashboard into the signed green-IT report: the PDF carries the figures as JSON and a CMS signature.</summary>
public static class GreenItReportBuilder
{
    /// <summary>The report's view model; <paramref name="figures"/> is the dashboard as attached (its hash is printed).</summary>
    public static GreenItReportModel Model(GreenItDashboard d, byte[] figures, Instant issued, string organisation)
    {
        var figuresSha256 = Convert.ToHexStringLower(SHA256.HashData(figures));
        var monthly = d.Months.Select(m => new ReportColumn(m, Math.Round(d.Monthly.Where(p => p.Month == m).Sum(p => p.KgCo2e), 3))).ToList();
        static List<ReportBar> Bars(IReadOnlyDictionary<string, decimal> values)
        {
            var max = values.Count == 0 ? 1 : Math.Max(values.Values.Max(), 0.000001m);
            return values.OrderByDescending(v => v.Value).Select(v => new ReportBar(v.Key, v.Value / max, Kg(v.Value))).ToList();
        }

        var headline = new List<ReportFigure>
        {
            new("IT emissions, location-based (operational + embodied)", Kg(d.KgCo2e), "kg CO2e"),
            new("Energy (PUE included)", R(d.EnergyKwh), "kWh"),
        };
        if (d.MarketKgCo2e is { } market)
        {
            headline.Add(new ReportFigure("Market-based, shown beside the location-based figure", Kg(market), "kg CO2e"));
        }

        var workloads = d.Workloads.Select(w => (IReadOnlyList<string>)
        [
            $"{w.Name} ({w.Id})", $"{w.Provider}:{w.Region}", R(w.EnergyKwh), Kg(w.KgCo2e), w.MarketKgCo2e is { } m ? Kg(m) : "—",
            w.SciKgPerUnit is { } sci ? $"{Numbers.Plain(Math.Round(sci, 6))} kg / {w.FunctionalUnit}" : "no functional units",
        ]).ToList();
        var actions = d.Actions.Select(a => (IReadOnlyList<string>)
        [
            a.Action.Title, a.Action.EffectiveFrom.ToString("yyyy-MM-dd", null), a.Status.ToString().ToLowerInvariant(),
            a.Status == SavingStatus.Realised ? Kg(a.SavingKgCo2e) : a.EstimatedAnnualKgCo2e is { } e ? "≈" + Kg(e) + "/yr" : "—", a.Explanation,
        ]).ToList();
        var method = d.Method.Append(d.MarketCoverage).Append($"Figures attached as green-it-figures.json (SHA-256 {figuresSha256}).").ToList();
        return new GreenItReportModel(
            $"IT emissions of {organisation}", $"{d.From:yyyy-MM-dd} to {d.To:yyyy-MM-dd}", issued.ToDateTimeOffset(), headline, monthly,
            Bars(d.ByProvider), Bars(d.ByRegion), workloads, actions, d.Target?.Explanation, d.Opportunities.Select(o => o.Explanation).ToList(), method,
            figuresSha256);
    }

    public static Task<byte[]> SignedPdfAsync(GreenItDashboard d, Instant issued, string organisation, Signing.IDocumentSigner signer)
    {
        // Serialised once: the attachment and the hash printed in the PDF are the same bytes.
        var figures = JsonSerializer.SerializeToUtf8Bytes(d, EsgJson.Options);
        var model = Model(d, figures, issued, organisation);
        return signer.SignAsync(
            GreenItReportDocument.Render(model),
            new PdfAttachment("green-it-figures.json", "application/json", "Every figure of this report with its method and datasets", figures),
            model.DocumentDate,
            $"EsgTrace green-IT report {model.Period}");
    }

    private static string R(decimal value) => Numbers.Plain(Math.Round(value, 3));

    private static string Kg(decimal value) => Reports.Co2eFormat.Kg(value);
}
