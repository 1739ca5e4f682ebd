using System.Globalization;
using EsgTrace.Units;

namespace EsgTrace.Claims;

/// <summary>
/// The one place that says what a claim's status means, from its latest check. Pure: portal list, claim API, public
/// page, status JSON and proof check all show what this returns, so no page can pair "At risk" with a sentence that
/// still supports the claim.
/// </summary>
public static class ClaimStatusWording
{
    /// <param name="draft">The claim as drafted (its rule and validity).</param>
    /// <param name="status">The claim's recorded status.</param>
    /// <param name="latest">The latest check (at verification, publication or monitoring); null before any.</param>
    /// <param name="published">The figures the claim was published on; null before publication.</param>
    /// <param name="reason">Why the claim was withdrawn, when it was.</param>
    public static ClaimStatusView Describe(ClaimDraft draft, ClaimStatus status, ClaimCheck? latest, ClaimFigures? published, string? reason)
    {
        var rule = ClaimRule.Of(draft);
        if (ItClaims.IsIt(draft.Type) && (latest?.Figures?.It ?? published?.It) is { BaselineKgPerUnit: { } itBaseline })
        {
            // An IT reduction's baseline comes from the data of its baseline period, not from the draft.
            rule = rule with { Baseline = new ClaimFigures(itBaseline, null, 0, 0, 0, string.Empty, string.Empty, string.Empty) };
        }

        var unit = PerUnit(latest?.Figures?.DeclaredUnit ?? published?.DeclaredUnit);
        var now = latest?.Evaluation;
        var atPublication = published is null ? null : ClaimEvaluator.Evaluate(rule, published).Actual;
        var (tone, headline) = Headline(draft, status, now);
        var finding = status switch
        {
            ClaimStatus.Published or ClaimStatus.AtRisk when now is not null => Live(rule, unit, now, atPublication),
            ClaimStatus.Expired or ClaimStatus.Withdrawn => Ended(rule, unit, status == ClaimStatus.Withdrawn ? reason : null, atPublication),
            _ when now is not null => Checked(rule, unit, now),
            _ => string.Empty,
        };
        return new ClaimStatusView(status, Label(status), tone, headline, finding, now?.Holds, now?.Actual, rule.Threshold, atPublication, latest?.At);
    }

    private static (ClaimTone, string) Headline(ClaimDraft draft, ClaimStatus status, ClaimEvaluation? now) => status switch
    {
        ClaimStatus.Draft when now is { Holds: false } => (ClaimTone.Error, "Verification failed: the data does not substantiate this claim."),
        ClaimStatus.Draft => (ClaimTone.Neutral, "Draft: not yet checked against the data."),
        ClaimStatus.Verified when ItClaims.IsIt(draft.Type) => (ClaimTone.Success, "Verified: the data substantiates this claim; the CIO (IT) must approve it."),
        ClaimStatus.Verified => (ClaimTone.Success, "Verified: the data substantiates this claim; a second person (IT or audit) must approve it."),
        ClaimStatus.Approved when now is { Holds: false } => (ClaimTone.Error, "Publication refused: the data no longer substantiates this claim."),
        ClaimStatus.Approved => (ClaimTone.Success, "Approved: the data substantiates this claim and it is ready to publish."),
        ClaimStatus.Published => (ClaimTone.Success, "Valid: the current data still substantiates this claim."),
        ClaimStatus.AtRisk => (ClaimTone.Warning, "At risk: newer data no longer substantiates this claim."),
        ClaimStatus.Expired => (ClaimTone.Neutral, $"Expired: the claim was valid until {draft.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}."),
        ClaimStatus.Withdrawn => (ClaimTone.Neutral, "Withdrawn by the company."),
        _ => (ClaimTone.Neutral, status.ToString()),
    };

    /// <summary>"Now 1.61 kg CO2e per piece, above the claimed 1.5; at publication 1.36."</summary>
    private static string Live(ClaimRule rule, string unit, ClaimEvaluation now, decimal? atPublication)
    {
        var then = atPublication is { } p ? $"; at publication {Short(rule, p)}" : string.Empty;
        return now.Actual is { } actual
            ? $"Now {Measure(rule, unit, actual)}, {Comparison(rule, now.Holds)}{then}."
            : $"{now.Explanation}{(atPublication is { } q ? $" At publication {Measure(rule, unit, q)}." : string.Empty)}";
    }

    /// <summary>"1.02 kg CO2e per piece, above the claimed 0.9." — the figure a verification or publication saw.</summary>
    private static string Checked(ClaimRule rule, string unit, ClaimEvaluation now)
        => now.Actual is { } actual ? $"{Capitalise(Measure(rule, unit, actual))}, {Comparison(rule, now.Holds)}." : now.Explanation;

    private static string Ended(ClaimRule rule, string unit, string? reason, decimal? atPublication)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(reason))
        {
            parts.Add($"Reason given: {reason.Trim().TrimEnd('.')}.");
        }

        if (atPublication is { } p)
        {
            parts.Add($"At publication {Measure(rule, unit, p)}.");
        }

        return string.Join(" ", parts);
    }

    private static string Measure(ClaimRule rule, string unit, decimal value) => rule.Type switch
    {
        ClaimType.FootprintAtMost => $"{Numbers.Plain(value)} kg CO2e per {unit}",
        ClaimType.FootprintReduction => $"{Percent(value)} below the baseline of {Numbers.Plain(rule.Baseline?.FootprintKgCo2e ?? 0)} kg CO2e per {unit}",
        ClaimType.ItEmissionsPerUnitAtMost => $"{Numbers.Plain(Math.Round(value, 10))} kg CO2e of IT emissions per {unit}",
        ClaimType.ItEmissionsReduction => $"{Percent(value)} below the baseline of {Numbers.Plain(Math.Round(rule.Baseline?.FootprintKgCo2e ?? 0, 10))} kg CO2e of IT emissions per {unit}",
        ClaimType.CertifiedContent => $"{Percent(value)} of the input mass is certified",
        ClaimType.RecycledContent => $"{Percent(value)} of the input mass is recycled",
        _ => $"{Percent(value)} of the input mass is traceable to origin",
    };

    private static string Short(ClaimRule rule, decimal value) => rule.Type switch
    {
        ClaimType.FootprintAtMost => Numbers.Plain(value),
        ClaimType.ItEmissionsPerUnitAtMost => Numbers.Plain(Math.Round(value, 10)),
        _ => Percent(value),
    };

    private static string Comparison(ClaimRule rule, bool holds) => (rule.Type, holds) switch
    {
        (ClaimType.FootprintAtMost or ClaimType.ItEmissionsPerUnitAtMost, true) => $"at most the claimed {Numbers.Plain(rule.Threshold)}",
        (ClaimType.FootprintAtMost or ClaimType.ItEmissionsPerUnitAtMost, false) => $"above the claimed {Numbers.Plain(rule.Threshold)}",
        (_, true) => $"at least the claimed {Numbers.Plain(rule.Threshold)} %",
        (ClaimType.FootprintReduction or ClaimType.ItEmissionsReduction, false) => $"short of the claimed {Numbers.Plain(rule.Threshold)} %",
        _ => $"below the claimed {Numbers.Plain(rule.Threshold)} %",
    };

    private static string Label(ClaimStatus status) => status == ClaimStatus.AtRisk ? "At risk" : status.ToString();

    /// <summary>"1 piece" reads "per piece"; other declared units ("500 g") are kept whole.</summary>
    private static string PerUnit(string? declaredUnit)
        => string.IsNullOrWhiteSpace(declaredUnit) ? "declared unit"
            : declaredUnit.StartsWith("1 ", StringComparison.Ordinal) ? declaredUnit[2..].Trim() : declaredUnit.Trim();

    private static string Percent(decimal value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
