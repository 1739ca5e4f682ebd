namespace EsgTrace.Portal.Extensions;

/// <summary>Wires Orleans into the portal: an in-process silo (embedded) or a client of a standalone cluster.</summary>
public static class OrleansHostingExtensions
{
    public static OrleansMode AddEsgTraceOrleans(this WebApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetValue("Cluster:Mode", OrleansMode.Embedded);
        if (mode == OrleansMode.Embedded)
        {
            builder.UseOrleans(silo => silo.AddEsgTraceSilo(builder.Configuration));
        }
        else
        {
            builder.UseOrleansClient(client => client.AddEsgTraceClient(builder.Configuration).AddEsgTraceObservability());
        }

        return mode;
    }

    /// <summary>
    /// The local data folder (<c>Storage:DataDirectory</c>, read by the hosting's one reader of the Storage section): the
    /// portal keeps its data-protection keys and the demo credentials there, in either mode.
    /// </summary>
    public static string DataDirectory(IConfiguration configuration) => Path.GetFullPath(EsgTrace.Hosting.EsgTraceStorageOptions.From(configuration).DataDirectory);
}
