using System.Globalization;
using EsgTrace.Units;

namespace EsgTrace.Claims;

/// <summary>Checks a claim's rule against figures. Pure: the same figures always give the same verdict.</summary>
public static class ClaimEvaluator
{
    public static ClaimEvaluation Evaluate(ClaimRule rule, ClaimFigures figures)
    {
        switch (rule.Type)
        {
            case ClaimType.FootprintAtMost:
                if (figures.FootprintKgCo2e is not { } kg)
                {
                    return new(false, null, rule.Threshold, "No footprint can be computed: " + figures.FootprintProblem);
                }

                return new(kg <= rule.Threshold, kg, rule.Threshold, kg <= rule.Threshold
                    ? $"The footprint is {Numbers.Plain(kg)} kg CO2e per declared unit, at most the claimed {Numbers.Plain(rule.Threshold)}."
                    : $"The footprint is {Numbers.Plain(kg)} kg CO2e per declared unit, above the claimed {Numbers.Plain(rule.Threshold)}.");

            case ClaimType.FootprintReduction:
                if (rule.Baseline is not { FootprintKgCo2e: { } baseline } b || baseline <= 0)
                {
                    return new(false, null, rule.Threshold, "A reduction claim needs a baseline footprint greater than zero.");
                }

                if (!SameFamily(b.Dataset, figures.Dataset) || b.Calculator != figures.Calculator)
                {
                    return new(false, null, rule.Threshold, $"Not comparable: the baseline used {b.Dataset} with {b.Calculator}, the current figure {figures.Dataset} with {figures.Calculator}.");
                }

                if (figures.FootprintKgCo2e is not { } now)
                {
                    return new(false, null, rule.Threshold, "No current footprint can be computed: " + figures.FootprintProblem);
                }

                var reduction = (baseline - now) / baseline * 100;
                return new(reduction >= rule.Threshold, reduction, rule.Threshold,
                    $"The footprint fell from {Numbers.Plain(baseline)} to {Numbers.Plain(now)} kg CO2e per declared unit: {Percent(reduction)} against the claimed {Numbers.Plain(rule.Threshold)} %.");

            case ClaimType.ItEmissionsPerUnitAtMost:
                if (figures.It is not { } f || figures.FootprintKgCo2e is not { } perUnit)
                {
                    return new(false, null, rule.Threshold, "No IT emissions per functional unit can be computed: " + (figures.FootprintProblem ?? "the claim has no green-IT figures."));
                }

                return new(perUnit <= rule.Threshold, perUnit, rule.Threshold,
                    $"IT emissions are {ItClaimCalculator.Describe(f, perUnit)}, {(perUnit <= rule.Threshold ? "at most" : "above")} the claimed {Numbers.Plain(rule.Threshold)}.");

            case ClaimType.ItEmissionsReduction:
                return ItReduction(rule, figures);

            default:
                var (share, what) = rule.Type switch
                {
                    ClaimType.CertifiedContent => (figures.CertifiedShare, "certified"),
                    ClaimType.RecycledContent => (figures.RecycledShare, "recycled"),
                    ClaimType.TraceableContent => (figures.TraceableShare, "traceable to origin"),
                    _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Type, "Unknown claim type."),
                };
                var percent = share * 100;
                return new(percent >= rule.Threshold, percent, rule.Threshold,
                    $"{Percent(percent)} of the input mass is {what}, against the claimed {Numbers.Plain(rule.Threshold)} %.");
        }
    }

    private static ClaimEvaluation ItReduction(ClaimRule rule, ClaimFigures figures)
    {
        if (figures.It is not { } f || figures.FootprintKgCo2e is not { } now)
        {
            return new(false, null, rule.Threshold, "No current IT emissions per functional unit can be computed: " + (figures.FootprintProblem ?? "the claim has no green-IT figures."));
        }

        if (f.BaselineFrom is not { } bf || f.BaselineTo is not { } bt)
        {
            return new(false, null, rule.Threshold, "A reduction claim needs its baseline period.");
        }

        if (bt >= f.From && bf <= f.To)
        {
            return new(false, null, rule.Threshold, $"Not comparable: the baseline period {bf:yyyy-MM-dd} to {bt:yyyy-MM-dd} overlaps the current period {f.From:yyyy-MM-dd} to {f.To:yyyy-MM-dd}.");
        }

        if (f.BaselineKgPerUnit is not { } baseline || baseline <= 0)
        {
            return new(false, null, rule.Threshold, $"No baseline: the usage from {bf:yyyy-MM-dd} to {bt:yyyy-MM-dd} ({f.BaselineRecords} record(s)) gives no emissions per {f.FunctionalUnit} (every record needs its functional units).");
        }

        var reduction = (baseline - now) / baseline * 100;
        return new(reduction >= rule.Threshold, reduction, rule.Threshold,
            $"IT emissions per {f.FunctionalUnit} fell from {Numbers.Plain(Math.Round(baseline, 10))} kg CO2e ({bf:yyyy-MM-dd} to {bt:yyyy-MM-dd}) to {ItClaimCalculator.Describe(f, now)}: {Percent(reduction)} against the claimed {Numbers.Plain(rule.Threshold)} %.");
    }

    /// <summary>Datasets are one family when their ids match (versions may differ: a factor update is still comparable in method).</summary>
    public static bool SameFamily(string a, string b) => a.Split('@')[0] == b.Split('@')[0];

    private static string Percent(decimal value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
