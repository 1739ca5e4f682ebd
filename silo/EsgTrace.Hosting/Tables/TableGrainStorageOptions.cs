namespace EsgTrace.Hosting.Tables;

/// <summary>Options of <see cref="TableGrainStorage"/>, named like Orleans' AzureTableStorageOptions where they mean the same.</summary>
public sealed class TableGrainStorageOptions
{
    /// <summary>The table holding grain state; one row per grain and state name.</summary>
    public string TableName { get; set; } = "grainstate";

    /// <summary>Delete the row on ClearStateAsync (true), rather than keep an empty one.</summary>
    public bool DeleteStateOnClear { get; set; } = true;
}
