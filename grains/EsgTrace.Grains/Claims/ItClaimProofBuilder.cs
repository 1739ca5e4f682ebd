using System.Text.Json;
using EsgTrace.GreenIt;
using EsgTrace.Reports.Pdf;
using EsgTrace.Reports.Proofs;
using EsgTrace.Time;
using EsgTrace.Units;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Claims;

/// <summary>The proof of a claim about IT: the same document, signature and lineage attachment as a product claim's, from the green-IT figures.</summary>
public static class ItClaimProofBuilder
{
    public const string Method =
        "IT emissions by the Cloud Carbon Footprint method (" + ItCarbonCalculator.Version + "): energy of compute, memory, storage and network " +
        "× the provider's PUE × the region's location-based grid factor, plus the embodied share of the host hardware where stated. " +
        "Per functional unit as the Green Software Foundation's SCI, ((E × I) + M) per R, summed over the usage records of the period, " +
        "a record cut by the period counting with the share of its days inside it. The current period is the twelve months ending on the latest usage day.";

    private static readonly InstantPattern Minutes = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");

    public static ClaimProofModel Model(string claimId, ClaimState claim, ClaimStatus status, ItClaimBasis basis, Instant documentDate, string verificationUrl)
    {
        var draft = claim.Draft!;
        var f = basis.Figures.It!;
        var unit = f.FunctionalUnit;
        var figures = new List<ProofFigure>
        {
            new($"IT emissions per {unit} (SCI, location-based, embodied included)", Numbers.Plain(Math.Round(basis.Figures.FootprintKgCo2e ?? 0, 10)), $"kg CO2e per {unit}"),
            new($"IT emissions {f.From:yyyy-MM-dd} to {f.To:yyyy-MM-dd}", Reports.Co2eFormat.Kg(f.KgCo2e), "kg CO2e"),
            new("Energy (PUE included)", Numbers.Plain(Math.Round(f.EnergyKwh, 4)), "kWh"),
            new("Functional units served (R)", Numbers.Plain(Math.Round(f.FunctionalUnits, 3)), "× " + unit),
        };
        if (f.BaselineKgPerUnit is { } baseline)
        {
            figures.Add(new($"Baseline {f.BaselineFrom:yyyy-MM-dd} to {f.BaselineTo:yyyy-MM-dd} ({Reports.Co2eFormat.Kg(f.BaselineKgCo2e ?? 0)} kg CO2e for {Numbers.Plain(Math.Round(f.BaselineFunctionalUnits ?? 0, 3))} × {unit})", Numbers.Plain(Math.Round(baseline, 10)), $"kg CO2e per {unit}"));
        }

        var breakdown = f.ByWorkload.Where(w => w.KgCo2e != 0).OrderByDescending(w => w.KgCo2e)
            .Select(w => new ProofBreakdownRow($"{w.Name} ({w.WorkloadId})", w.KgCo2e, f.KgCo2e == 0 ? 0 : w.KgCo2e / f.KgCo2e)).ToList();
        var factors = basis.Records
            .GroupBy(e => (e.Provider, e.Region, e.Result.GridKgCo2ePerKwh, e.GridSource))
            .Select(g => new ProofFactor($"grid {g.Key.Provider}:{g.Key.Region}", $"{Numbers.Plain(g.Key.GridKgCo2ePerKwh)} kg CO2e/kWh", g.Key.GridSource))
            .OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var coverage = new ProofCoverage("What the figures cover",
        [
            "Workloads: " + string.Join(", ", f.ByWorkload.Select(w => $"{w.Name} ({w.WorkloadId})")),
            "Where they ran: " + string.Join(", ", basis.Records.Select(e => $"{e.Provider}:{e.Region}").Distinct().Order(StringComparer.Ordinal)),
            $"Current period: {f.From:yyyy-MM-dd} to {f.To:yyyy-MM-dd}, {f.Records} usage record(s)" + (f.BaselineFrom is { } bf ? $"; baseline {bf:yyyy-MM-dd} to {f.BaselineTo:yyyy-MM-dd}, {f.BaselineRecords} record(s)" : string.Empty),
            "Grid factors: " + string.Join("; ", f.GridSources),
        ]);
        return new ClaimProofModel(
            claimId, draft.Wording, status.ToString().ToLowerInvariant(), basis.Figures.ProductName ?? draft.ProductId, string.Join(", ", f.WorkloadIds), unit,
            Describe(draft, unit), claim.LastEvaluation?.Explanation ?? string.Empty, $"{f.From:yyyy-MM-dd} to {f.To:yyyy-MM-dd} (the twelve months to the latest usage day)",
            documentDate.ToDateTimeOffset(),
            claim.Steps.Select(s => new ProofStep(s.Step, s.Actor, Minutes.Format(s.At), s.Saw)).ToList(),
            figures, breakdown, [], [], [], Method, factors, basis.Figures.Dataset, basis.Figures.Calculator, basis.Lineage.RootSha256, verificationUrl,
            coverage, $"IT emissions by workload, {f.From:yyyy-MM-dd} to {f.To:yyyy-MM-dd} (kg CO2e)", "IT emissions claim proof");
    }

    /// <summary>Renders and signs the proof, with the lineage and every usage record's emissions attached as lineage.json.</summary>
    public static Task<byte[]> SignedPdfAsync(ClaimProofModel model, ItClaimBasis basis, Signing.IDocumentSigner signer)
    {
        var lineage = JsonSerializer.SerializeToUtf8Bytes(new { it = basis.Lineage, figures = basis.Figures.It, records = basis.Records }, EsgJson.Options);
        return signer.SignAsync(
            ClaimProofDocument.Render(model),
            new PdfAttachment("lineage.json", "application/json", "Lineage of the claim's IT figures: every usage record's emissions, dataset, calculator, root hash", lineage),
            model.DocumentDate,
            $"EsgTrace proof of claim {model.ClaimId}");
    }

    private static string Describe(ClaimDraft d, string unit) => d.Type switch
    {
        ClaimType.ItEmissionsReduction => $"IT emissions per {unit} at least {Numbers.Plain(d.Threshold)} % below those of {d.BaselineFrom:yyyy-MM-dd} to {d.BaselineTo:yyyy-MM-dd}.",
        _ => $"IT emissions at most {Numbers.Plain(d.Threshold)} kg CO2e per {unit}.",
    };
}
