using EsgTrace.Claims;
using EsgTrace.Hosting;
using EsgTrace.Hosting.Tables;
using EsgTrace.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Hosting;

/// <summary>Reminders and the background work they drive: the claim monitor and the resumption of pending jobs.</summary>
public static class BackgroundWorkSiloBuilderExtensions
{
    /// <summary>
    /// The reminder service on the configured backend: our <see cref="TableReminderTable"/> on SQLite (embedded), the
    /// official Azure table reminders on Azure. <c>Cluster:Reminders</c> binds Orleans' <see cref="ReminderOptions"/>
    /// (e.g. <c>MinimumReminderPeriod</c>, lowered by tests for periods under Orleans' default minute).
    /// </summary>
    public static ISiloBuilder AddEsgTraceReminders(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.Configure<ReminderOptions>(configuration.GetSection(EsgTraceClusterOptions.Section + ":Reminders"));
        var storage = EsgTraceStorageOptions.From(configuration);
        if (storage.Backend == StorageBackend.AzureStorage)
        {
            return silo.UseEsgTraceAzureReminders(storage.Azure);
        }

        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, TableReminderTable>();
        return silo;
    }

    /// <summary>
    /// The claim monitor (<c>Claims:MonitorMinutes</c>) and the pending-work resumer (<c>Jobs:ResumeMinutes</c>), each
    /// registered on its reminder at every silo start, so whichever silos survive keep them running.
    /// </summary>
    public static ISiloBuilder AddEsgTraceBackgroundWork(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<ClaimMonitorOptions>()
            .Bind(configuration.GetSection(ClaimMonitorOptions.Section))
            .Validate(o => o.MonitorMinutes > 0, "Claims:MonitorMinutes must be more than 0.")
            .ValidateOnStart();
        silo.Services.AddOptions<PendingWorkOptions>()
            .Bind(configuration.GetSection(PendingWorkOptions.Section))
            .Validate(o => o.ResumeMinutes > 0, "Jobs:ResumeMinutes must be more than 0.")
            .ValidateOnStart();
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IClaimMonitorGrain>(0).Start());
        silo.AddStartupTask((services, _) => services.GetRequiredService<IGrainFactory>().GetGrain<IPendingWorkGrain>(0).Start());
        return silo;
    }
}
