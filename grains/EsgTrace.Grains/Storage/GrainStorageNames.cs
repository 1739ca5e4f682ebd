namespace EsgTrace.Storage;

/// <summary>Names of the grain storage providers a grain's <c>[PersistentState]</c> may ask for besides the default.</summary>
public static class GrainStorageNames
{
    /// <summary>
    /// State that can outgrow an Azure table entity (960 KiB): Azure blob storage on the Azure backend; the embedded
    /// table grain storage (the same rows as the default) on SQLite.
    /// </summary>
    public const string LargeState = "largestate";
}
