namespace EsgTrace.Hosting;

/// <summary>
/// Where the official Orleans Azure providers keep their data: tables and a container named after the account's
/// <c>Storage:Azure:TablePrefix</c>, so several deployments can share one account, like every other EsgTrace table.
/// </summary>
public static class AzureProviderNames
{
    /// <summary>Cluster membership (Microsoft.Orleans.Clustering.AzureStorage): one partition per cluster id.</summary>
    public static string MembershipTable(string prefix) => prefix + "silos";

    /// <summary>Orleans-managed grain state (Microsoft.Orleans.Persistence.AzureStorage, table storage).</summary>
    public static string GrainStateTable(string prefix) => prefix + "grainstate";

    /// <summary>Grain state that may outgrow a table entity (blob storage, one blob per grain).</summary>
    public static string LargeGrainStateContainer(string prefix) => prefix + "-largestate";

    /// <summary>Reminders (Microsoft.Orleans.Reminders.AzureStorage).</summary>
    public static string ReminderTable(string prefix) => prefix + "reminders";
}
