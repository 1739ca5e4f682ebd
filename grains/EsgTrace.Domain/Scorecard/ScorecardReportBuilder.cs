using System.Security.Cryptography;
using System.Text.Json;
using EsgTrace.GreenIt;
using EsgTrace.Reports.GreenIt;
using EsgTrace.Reports.Pdf;
using EsgTrace.Reports.Scorecard;
using EsgTrace.Time;
using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.Scorecard;

/// <summary>Turns a scorecard into its signed PDF: the figures attached as scorecard.json (their hash printed), lineage addresses absolute.</summary>
public static class ScorecardReportBuilder
{
    public static ScorecardReportModel Model(Scorecard s, byte[] figures, Instant issued, Uri baseUrl)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(figures));
        string At(string path) => baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + path;
        var c = s.Claims;
        var headline = new List<ReportFigure>
        {
            new("Claims published (valid now)", c.Published.ToString(System.Globalization.CultureInfo.InvariantCulture), "claims"),
            new("Claims at risk (newer data no longer substantiates them)", c.AtRisk.ToString(System.Globalization.CultureInfo.InvariantCulture), "claims"),
            new($"Claims expiring within {c.ExpiringWithinDays} days", c.Expiring.ToString(System.Globalization.CultureInfo.InvariantCulture), "claims"),
            new($"Time from draft to publication (median of {c.PublishedEver}; mean {Days(c.MeanDaysToPublication)})", Days(c.MedianDaysToPublication), "days"),
            new($"IT emissions {s.From:yyyy-MM-dd} to {s.To:yyyy-MM-dd}", Reports.Co2eFormat.Kg(s.It.KgCo2e), "kg CO2e"),
            new("Green-IT savings (realised, over the after-periods)", Reports.Co2eFormat.Kg(s.Savings.Where(a => a.Status == SavingStatus.Realised).Sum(a => a.SavingKgCo2e)), "kg CO2e"),
        };
        headline.AddRange(s.MoneyTotals.Select(t => new ReportFigure($"Green-IT money saved per month ({t.Currency})", ActionPaybackCalculator.Money(t.MonthlySaving, t.Currency), "a month")));

        var statuses = new (string Label, int Count)[] { ("Published", c.Published), ("At risk", c.AtRisk), ("Expiring", c.Expiring), ("In review", c.InReview), ("Draft", c.Draft), ("Expired", c.Expired), ("Withdrawn", c.Withdrawn) };
        var maxCount = Math.Max(1, statuses.Max(x => x.Count));
        var byStatus = statuses.Select(x => new ReportBar(x.Label, (decimal)x.Count / maxCount, x.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var claims = s.ClaimList.Select(x => (IReadOnlyList<string>)[x.Id, x.Label + (x.Expiring ? " (expiring)" : string.Empty), x.ValidUntil.ToString("yyyy-MM-dd", null), Days(x.DaysToPublication), At(x.Lineage)]).ToList();
        var products = s.Products.Select(p =>
        {
            var max = Math.Max(0.000001m, p.Points.Select(x => x.KgCo2e ?? 0).DefaultIfEmpty(0).Max());
            var bars = p.Points.Select(x => new ReportBar($"{x.Produced:yyyy-MM-dd} {x.BatchId}", (x.KgCo2e ?? 0) / max, x.KgCo2e is { } kg ? Reports.Co2eFormat.Kg(kg) : "—")).ToList();
            var now = p.CurrentKgCo2e is { } k ? $"{Reports.Co2eFormat.Kg(k)} kg CO2e per {p.DeclaredUnit} over all batches" : p.Problem ?? "no footprint";
            return new ReportSection($"{p.Name} ({p.ProductId})", bars, $"Now {now} · dataset {p.Dataset} · lineage {At(p.Lineage)}");
        }).ToList();
        var monthly = s.It.Months.Select((m, i) => new ReportColumn(m, Math.Round(s.It.MonthlyKgCo2e[i], 3))).ToList();
        var savings = s.Savings.Select(a => (IReadOnlyList<string>)
        [
            a.Title, a.Status.ToString().ToLowerInvariant(),
            a.Status == SavingStatus.Realised ? Reports.Co2eFormat.Kg(a.SavingKgCo2e) : a.EstimatedAnnualKgCo2e is { } e ? "≈" + Reports.Co2eFormat.Kg(e) + "/yr" : "—",
            a.Money is { } m ? ActionPaybackCalculator.Money(m.OneOffCost, m.Currency) : "—",
            a.Money is { } n ? ActionPaybackCalculator.Money(n.MonthlySaving, n.Currency) : "—",
            a.Money?.PaybackMonths is { } pb ? Numbers.Plain(Math.Round(pb, 1)) + " months" : "—",
        ]).ToList();
        var totals = s.MoneyTotals.Select(t => $"All actions in {t.Currency}: one-off cost {ActionPaybackCalculator.Money(t.OneOffCost, t.Currency)}, saving {ActionPaybackCalculator.Money(t.MonthlySaving, t.Currency)} a month ({ActionPaybackCalculator.Money(t.AnnualSaving, t.Currency)} a year), payback {(t.PaybackMonths is { } p ? Numbers.Plain(Math.Round(p, 1)) + " months" : "none")}.").ToList();
        var lineage = new List<string>
        {
            $"Claims: {At(c.Lineage)} (each claim: /api/claims/{{id}}/lineage)",
            $"IT emissions and target: {At(s.It.Lineage)}",
        };
        lineage.AddRange(s.Savings.Select(a => $"{a.Title}: {At(a.Lineage)}"));
        return new ScorecardReportModel(
            "Claims, footprints and green IT", $"{s.From:yyyy-MM-dd} to {s.To:yyyy-MM-dd}", issued.ToDateTimeOffset(), headline, byStatus, claims, products, monthly,
            s.It.Target?.Explanation, savings, totals, lineage, [.. s.Method, $"Figures attached as scorecard.json (SHA-256 {sha})."], sha);
    }

    public static Task<byte[]> SignedPdfAsync(Scorecard s, Instant issued, Uri baseUrl, Signing.IDocumentSigner signer)
    {
        var figures = JsonSerializer.SerializeToUtf8Bytes(s, EsgJson.Options);
        var model = Model(s, figures, issued, baseUrl);
        return signer.SignAsync(
            ScorecardDocument.Render(model),
            new PdfAttachment("scorecard.json", "application/json", "Every figure of this scorecard with its lineage address and method", figures),
            model.DocumentDate,
            $"EsgTrace scorecard {model.Period}");
    }

    private static string Days(decimal? days) => days is { } d ? Numbers.Plain(Math.Round(d, 2)) : "—";
}
