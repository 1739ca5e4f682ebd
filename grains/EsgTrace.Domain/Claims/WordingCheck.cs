using System.Globalization;
using System.Text.RegularExpressions;

namespace EsgTrace.Claims;

/// <summary>
/// Refuses claim wording that consumer-protection rules forbid: generic environmental terms without specific
/// substantiation, neutrality claims based on offsets, and wording that does not say what the figure covers.
/// </summary>
public static partial class WordingCheck
{
    /// <summary>Generic environmental claims (EU Directive 2024/825 names examples such as "environmentally friendly", "eco-friendly", "green", "climate friendly").</summary>
    private static readonly string[] GenericTerms =
    [
        "eco-friendly", "eco friendly", "environmentally friendly", "environment friendly", "green", "sustainable", "sustainably",
        "climate friendly", "climate-friendly", "planet friendly", "planet-friendly", "nature friendly", "earth friendly", "eco",
        "ecological", "good for the planet", "kind to the planet", "conscious", "responsible", "natural", "clean", "biodegradable",
        "energy efficient", "carbon friendly", "low impact",
    ];

    /// <summary>Neutrality and offset wording: refused whatever the figures say.</summary>
    private static readonly string[] NeutralityTerms =
    [
        "climate neutral", "climate-neutral", "carbon neutral", "carbon-neutral", "co2 neutral", "co2-neutral", "co2e neutral",
        "net zero", "net-zero", "carbon free", "carbon-free", "zero carbon", "zero emissions", "climate positive", "carbon negative",
        "compensated", "offset", "offsets", "offsetting", "climate compensated",
    ];

    public static IReadOnlyList<string> Problems(string wording, ClaimRule rule)
    {
        var problems = new List<string>();
        var text = wording.ToLowerInvariant();
        foreach (var term in NeutralityTerms.Where(t => Contains(text, t)))
        {
            problems.Add($"\"{term}\" is refused: neutrality or offset-based claims are not allowed, whatever is offset. State the measured figure instead.");
        }

        foreach (var term in GenericTerms.Where(t => Contains(text, t)))
        {
            problems.Add($"\"{term}\" is a generic environmental term: say specifically what is better and by how much (the figure and what it covers) instead.");
        }

        // An IT limit per functional unit is often a small number (0.0004 kg per 1,000 requests): state it in full.
        var threshold = rule.Type == ClaimType.ItEmissionsPerUnitAtMost ? Units.Numbers.Plain(rule.Threshold) : rule.Threshold.ToString("0.##", CultureInfo.InvariantCulture);
        if (!text.Contains(threshold, StringComparison.Ordinal) && !text.Contains(threshold.Replace('.', ','), StringComparison.Ordinal))
        {
            problems.Add($"The wording must state the claimed figure ({threshold}).");
        }

        var covers = rule.Type switch
        {
            ClaimType.FootprintAtMost or ClaimType.FootprintReduction or ClaimType.ItEmissionsPerUnitAtMost or ClaimType.ItEmissionsReduction => ("co2e", "the unit (kg CO2e)"),
            ClaimType.CertifiedContent => ("certified", "that it is certified content (name the scheme)"),
            ClaimType.RecycledContent => ("recycled", "that it is recycled content"),
            ClaimType.TraceableContent => ("trace", "that it is content traceable to origin"),
            _ => (string.Empty, string.Empty),
        };
        if (!text.Contains(covers.Item1, StringComparison.Ordinal))
        {
            problems.Add($"The wording must say what the figure covers: {covers.Item2}.");
        }

        if (rule.Type is ClaimType.FootprintAtMost or ClaimType.FootprintReduction && !Contains(text, "per"))
        {
            problems.Add("A footprint claim must name its declared unit (e.g. \"per T-shirt\").");
        }

        if (ItClaims.IsIt(rule.Type) && !Contains(text, "per"))
        {
            problems.Add("An IT emissions claim must name its functional unit (e.g. \"per 1,000 requests\").");
        }

        if (ItClaims.IsIt(rule.Type) && !Contains(text, "it") && !Contains(text, "cloud") && !Contains(text, "computing") && !Contains(text, "data centre") && !Contains(text, "data center"))
        {
            problems.Add("An IT emissions claim must say that it covers IT (\"IT\", \"cloud\", \"computing\" or \"data centre\"), not the product or the company.");
        }

        if (rule.Type is not (ClaimType.FootprintAtMost or ClaimType.ItEmissionsPerUnitAtMost) && !text.Contains('%', StringComparison.Ordinal) && !Contains(text, "percent"))
        {
            problems.Add("A share or reduction claim must say \"%\".");
        }

        return problems;
    }

    // Whole words or phrases only: "green" must not match "evergreen", "eco" must not match "economy".
    private static bool Contains(string text, string term) => Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(term)}(?![\p{{L}}\p{{N}}])");
}
