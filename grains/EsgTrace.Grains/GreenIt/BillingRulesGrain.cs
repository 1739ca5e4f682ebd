using EsgTrace.Audit;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// The billing mapping rules: each version is an entry of index "billingrules" (partition "versions", key = version as six
/// digits), written once; the state holds only the current version number, so history never grows the state.
/// </summary>
public sealed class BillingRulesGrain(
    [PersistentState("billing-rules")] IPersistentState<BillingRulesState> state,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IBillingRulesGrain
{
    public const string Index = "billingrules";
    private const string Versions = "versions";

    public async Task<Outcome<BillingRuleSet>> Set(IReadOnlyList<BillingRule> rules, string actor)
    {
        if (BillingRuleValidation.Check(rules) is { } problem)
        {
            return problem;
        }

        var current = await Current();
        if (current is not null && current.Rules.SequenceEqual(rules))
        {
            return Outcome<BillingRuleSet>.Ok(current);
        }

        var set = new BillingRuleSet(state.State.Version + 1, [.. rules], clock.GetCurrentInstant(), actor);
        // The version entry first (written once); the state's pointer to it last.
        await index.AddAsync(Index, Versions, Key(set.Version), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(set, Time.EsgJson.Options));
        state.State.Version = set.Version;
        await state.WriteStateAsync();
        await audit.RecordAsync(new AuditRecord(set.SetAt!.Value, actor, "billing-rules.set", "billing-rules:v" + set.Version, $"{rules.Count} rule(s)"));
        return Outcome<BillingRuleSet>.Ok(set);
    }

    public Task<BillingRuleSet?> Current() => state.State.Version == 0 ? Task.FromResult<BillingRuleSet?>(null) : Version(state.State.Version);

    public async Task<BillingRuleSet?> Version(int version)
        => await index.GetAsync(Index, Versions, Key(version)) is { } json ? System.Text.Json.JsonSerializer.Deserialize<BillingRuleSet>(json.Span, Time.EsgJson.Options) : null;

    private static string Key(int version) => version.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The current billing-rules version (0: none yet).</summary>
public sealed class BillingRulesState
{
    public int Version { get; set; }
}
