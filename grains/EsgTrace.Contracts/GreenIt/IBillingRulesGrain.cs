using EsgTrace.Domain;

namespace EsgTrace.GreenIt;

/// <summary>The CIO's rules that map FOCUS billing lines to workloads (key "default"); each change is a new immutable version.</summary>
[Alias("esg.IBillingRulesGrain")]
public interface IBillingRulesGrain : IGrainWithStringKey
{
    /// <summary>Sets the rules as a new version (the same rules again keep the current version).</summary>
    [Alias("Set")]
    Task<Outcome<BillingRuleSet>> Set(IReadOnlyList<BillingRule> rules, string actor);

    /// <summary>The current version, or null before any rules are set.</summary>
    [Alias("Current")]
    Task<BillingRuleSet?> Current();

    /// <summary>A version as it was set, or null.</summary>
    [Alias("Version")]
    Task<BillingRuleSet?> Version(int version);
}
