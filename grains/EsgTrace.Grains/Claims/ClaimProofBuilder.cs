using System.Globalization;
using System.Text.Json;
using EsgTrace.Analysis;
using EsgTrace.Factors;
using EsgTrace.Footprints;
using EsgTrace.Reports.Pdf;
using EsgTrace.Reports.Proofs;
using EsgTrace.Time;
using EsgTrace.Traceability;
using EsgTrace.Units;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Claims;

/// <summary>Turns a claim and the analysis it was published on into the proof document's plain view model, and signs it.</summary>
public static class ClaimProofBuilder
{
    private static readonly InstantPattern Minutes = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");

    public static ClaimProofModel Model(string claimId, ClaimState claim, ClaimStatus status, ProductAnalysis analysis, FactorCatalog catalog, Instant documentDate, string verificationUrl)
    {
        var draft = claim.Draft!;
        var footprint = analysis.Footprint;
        var figures = new List<ProofFigure>();
        if (footprint is not null)
        {
            figures.Add(new("Product carbon footprint (cradle-to-gate)", Reports.Co2eFormat.Kg(footprint.TotalKgCo2e), $"kg CO2e per {footprint.DeclaredUnit}"));
        }

        figures.Add(new("Certified content (mass balance)", Percent(analysis.Traceability.CertifiedShare), "of input mass"));
        figures.Add(new("Recycled content", Percent(analysis.Traceability.RecycledShare), "of input mass"));
        var breakdown = footprint is null ? [] : footprint.ByStage.OrderByDescending(s => s.Value)
            .Select(s => new ProofBreakdownRow(s.Key == FootprintStage.ProcessEnergy ? "Process energy" : s.Key.ToString(), s.Value, footprint.TotalKgCo2e == 0 ? 0 : s.Value / footprint.TotalKgCo2e)).ToList();
        var usedFactors = footprint?.Contributions.Select(c => c.FactorId).Distinct().ToHashSet() ?? [];
        var factors = catalog.Dataset.Factors.Where(f => usedFactors.Contains(f.Id))
            .Select(f => new ProofFactor(f.Id, $"{Numbers.Plain(f.KgCo2ePerUnit)} kg CO2e/{f.PerUnit}", $"{f.Source} ({f.Licence})")).ToList();
        if (footprint?.Contributions.Any(c => c.FactorKind == FactorSourceKind.Primary) == true)
        {
            factors.Add(new ProofFactor("lot:* (primary)", "per lot", "Supplier-specific figures recorded with each lot; see lineage.json"));
        }

        var nodes = analysis.Traceability.AllNodes().ToList();
        var certificates = nodes.Where(n => n.Certified).Select(n => $"{n.Lot.CertificationScheme} {n.CertificateNumber} ({n.Lot.SupplierName})").Distinct().ToList();
        var period = analysis.Period is { } p ? $"{p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd} ({p.Batches} batch{(p.Batches == 1 ? "" : "es")})" : "no production batches";
        return new ClaimProofModel(
            claimId, draft.Wording, status.ToString().ToLowerInvariant(), analysis.ProductName, analysis.ProductId, footprint?.DeclaredUnit ?? "declared unit",
            Describe(draft), claim.LastEvaluation?.Explanation ?? string.Empty, period, documentDate.ToDateTimeOffset(),
            claim.Steps.Select(s => new ProofStep(s.Step, s.Actor, Minutes.Format(s.At), s.Saw)).ToList(),
            figures, breakdown, analysis.Traceability.Suppliers, analysis.Traceability.Countries, certificates,
            (footprint?.MethodText ?? FootprintResult.Method) + " " + TraceabilityResult.Method,
            factors, analysis.Dataset.ToString(), footprint?.CalculatorVersion ?? FootprintCalculator.Version,
            (analysis.FootprintLineage ?? analysis.TraceabilityLineage).RootSha256, verificationUrl);
    }

    /// <summary>Renders and signs the proof, with the lineage of the figures attached as lineage.json.</summary>
    public static Task<byte[]> SignedPdfAsync(ClaimProofModel model, ProductAnalysis analysis, Signing.IDocumentSigner signer)
    {
        var lineage = JsonSerializer.SerializeToUtf8Bytes(new { footprint = analysis.FootprintLineage, traceability = analysis.TraceabilityLineage }, EsgJson.Options);
        return signer.SignAsync(
            ClaimProofDocument.Render(model),
            new PdfAttachment("lineage.json", "application/json", "Lineage of the claim's figures: input hashes, dataset, calculator, root hash", lineage),
            model.DocumentDate,
            $"EsgTrace proof of claim {model.ClaimId}");
    }

    private static string Describe(ClaimDraft d) => d.Type switch
    {
        ClaimType.FootprintAtMost => $"Footprint at most {Numbers.Plain(d.Threshold)} kg CO2e per declared unit.",
        ClaimType.FootprintReduction => $"Footprint at least {Numbers.Plain(d.Threshold)} % below the baseline of {Numbers.Plain(d.BaselineKgCo2e ?? 0)} kg CO2e.",
        ClaimType.CertifiedContent => $"At least {Numbers.Plain(d.Threshold)} % certified content by mass.",
        ClaimType.RecycledContent => $"At least {Numbers.Plain(d.Threshold)} % recycled content by mass.",
        _ => $"At least {Numbers.Plain(d.Threshold)} % of the input mass traceable to origin.",
    };

    private static string Percent(decimal share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
