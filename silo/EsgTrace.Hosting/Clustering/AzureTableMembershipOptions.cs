namespace EsgTrace.Hosting.Clustering;

/// <summary>Where cluster membership is kept: a table (prefixed like every other EsgTrace table) in the configured Azure account.</summary>
public sealed class AzureTableMembershipOptions
{
    /// <summary>The table name after the account's <c>TablePrefix</c>; one partition per cluster id.</summary>
    public string TableName { get; set; } = "membership";
}
