namespace EsgTrace.GreenIt;

/// <summary>Where usage files are staged (through <c>IDocumentStoreGrain</c>) before an import names them.</summary>
public static class UsageImportFiles
{
    public const string Container = "usageimports";
}
