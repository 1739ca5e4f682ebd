using EsgTrace.Reports.GreenIt;

namespace EsgTrace.Reports.Scorecard;

/// <summary>Everything the scorecard PDF shows, already worded and rounded; every section names the address of its lineage.</summary>
public sealed record ScorecardReportModel(
    string Title,
    string Period,
    DateTimeOffset DocumentDate,
    IReadOnlyList<ReportFigure> Headline,
    IReadOnlyList<ReportBar> ClaimsByStatus,
    IReadOnlyList<IReadOnlyList<string>> Claims,
    IReadOnlyList<ReportSection> Products,
    IReadOnlyList<ReportColumn> ItMonthly,
    string? Target,
    IReadOnlyList<IReadOnlyList<string>> Savings,
    IReadOnlyList<string> MoneyTotals,
    IReadOnlyList<string> Lineage,
    IReadOnlyList<string> Method,
    string FiguresSha256);

/// <summary>A titled block of lines (one product's footprint over time).</summary>
public sealed record ReportSection(string Title, IReadOnlyList<ReportBar> Bars, string Note);
