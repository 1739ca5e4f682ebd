using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>One row of a usage import: a workload's usage in a period (both dates inclusive), where it ran, and how many functional units it served.</summary>
[GenerateSerializer, Immutable, Alias("esg.usage-row")]
public sealed record UsageRow(string WorkloadId, LocalDate PeriodStart, LocalDate PeriodEnd, string Provider, string Region, ItUsage Usage, decimal? FunctionalUnits);

/// <summary>Why one row of an import was refused: its line number, the column and the reason.</summary>
[GenerateSerializer, Immutable, Alias("esg.usage-row-error")]
public sealed record UsageRowError(long Line, string Column, string Message);
