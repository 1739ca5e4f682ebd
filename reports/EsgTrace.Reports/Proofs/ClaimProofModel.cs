namespace EsgTrace.Reports.Proofs;

/// <summary>
/// Everything a claim's proof document shows, as plain values: no grain or storage types. A claim about IT sets
/// <see cref="Coverage"/> (what the figures cover: workloads, where they ran, periods), shown instead of the product's
/// traceability, and names its breakdown in <see cref="BreakdownTitle"/>.
/// </summary>
public sealed record ClaimProofModel(
    string ClaimId,
    string Statement,
    string Status,
    string ProductName,
    string ProductId,
    string DeclaredUnit,
    string RuleDescription,
    string Verdict,
    string Period,
    DateTimeOffset DocumentDate,
    IReadOnlyList<ProofStep> Workflow,
    IReadOnlyList<ProofFigure> Figures,
    IReadOnlyList<ProofBreakdownRow> Breakdown,
    IReadOnlyList<string> Suppliers,
    IReadOnlyList<string> Origins,
    IReadOnlyList<string> Certificates,
    string Methodology,
    IReadOnlyList<ProofFactor> Factors,
    string Dataset,
    string Calculator,
    string LineageRootSha256,
    string VerificationUrl,
    ProofCoverage? Coverage = null,
    string BreakdownTitle = "Footprint by stage and source (kg CO2e per declared unit)",
    string Kind = "Sustainability claim proof");

/// <summary>What an IT claim's figures cover: a heading and one line per fact.</summary>
public sealed record ProofCoverage(string Heading, IReadOnlyList<string> Lines);

/// <summary>One workflow step: who did what, when, and what they saw.</summary>
public sealed record ProofStep(string Step, string Actor, string At, string Saw);

/// <summary>A headline figure with its unit.</summary>
public sealed record ProofFigure(string Label, string Value, string Unit);

/// <summary>One row of the footprint breakdown: a part, its kg CO2e and share of the total (0-1).</summary>
public sealed record ProofBreakdownRow(string Part, decimal KgCo2e, decimal Share);

/// <summary>A factor used, with its value, unit and source.</summary>
public sealed record ProofFactor(string Id, string Value, string Source);
