using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// One row of a usage import: a workload's usage in a period (both dates inclusive), where it ran, and how many functional
/// units it served. <see cref="SourceKey"/> names the billing line a row came from (FOCUS imports: one per charge), so rows
/// of one period with different keys add up, and a row for the same period and key replaces the earlier one; our own
/// usage CSV has no key (one record per workload and period). <see cref="Cost"/> is what the provider billed for it.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.usage-row")]
public sealed record UsageRow(string WorkloadId, LocalDate PeriodStart, LocalDate PeriodEnd, string Provider, string Region, ItUsage Usage, decimal? FunctionalUnits,
    string? SourceKey = null, UsageCost? Cost = null);

/// <summary>Why one row of an import was refused: its line number, the column and the reason.</summary>
[GenerateSerializer, Immutable, Alias("esg.usage-row-error")]
public sealed record UsageRowError(long Line, string Column, string Message);
