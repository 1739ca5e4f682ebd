namespace EsgTrace.GreenIt;

/// <summary>
/// A billing line the import could not fully turn into a workload's usage, and why. <see cref="Attributed"/> false: no rule
/// matched its resource or tags (or its provider is not one the method covers), so neither its cost nor its usage is
/// imported. True: a rule matched and its cost is kept on the workload, but its energy is not estimated (its unit is not
/// an input of the CCF method, its region has no grid factor, a vCPU count or storage medium is not stated). Never guessed.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.unmapped-charge")]
public sealed record UnmappedCharge(long Line, string Reason, bool Attributed, UsageCost? Cost);

/// <summary>Unmapped charges of one reason, added up: how many lines and their cost per currency (never converted), with example line numbers.</summary>
[GenerateSerializer, Immutable, Alias("esg.unmapped-summary")]
public sealed record UnmappedSummary(string Reason, bool Attributed, long Lines, IReadOnlyList<UsageCost> Cost, IReadOnlyList<long> ExampleLines);
