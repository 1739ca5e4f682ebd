namespace EsgTrace.GreenIt;

/// <summary>The file formats a usage import reads.</summary>
public static class UsageImportFormats
{
    /// <summary>Our usage CSV (docs/green-it.md).</summary>
    public const string UsageCsv = "usage-csv";

    /// <summary>A FinOps FOCUS 1.x cost-and-usage export, mapped to workloads by the CIO's rules (docs/focus-billing.md).</summary>
    public const string Focus = "focus";
}
