namespace EsgTrace.Reports.GreenIt;

/// <summary>Everything the green-IT report PDF shows, already worded and rounded (plain types, so the PDF layer knows no domain).</summary>
public sealed record GreenItReportModel(
    string Title,
    string Period,
    DateTimeOffset DocumentDate,
    IReadOnlyList<ReportFigure> Headline,
    IReadOnlyList<ReportColumn> Monthly,
    IReadOnlyList<ReportBar> ByProvider,
    IReadOnlyList<ReportBar> ByRegion,
    IReadOnlyList<IReadOnlyList<string>> Workloads,
    IReadOnlyList<IReadOnlyList<string>> Actions,
    string? Target,
    IReadOnlyList<string> Opportunities,
    IReadOnlyList<string> Method,
    string FiguresSha256);

/// <summary>A headline figure with its unit and what it covers.</summary>
public sealed record ReportFigure(string Label, string Value, string Unit);

/// <summary>A column of a chart: its label and value (kg CO2e).</summary>
public sealed record ReportColumn(string Label, decimal Value);

/// <summary>A horizontal bar: label, share of the largest (0-1) and the value text.</summary>
public sealed record ReportBar(string Label, decimal Share, string Value);
