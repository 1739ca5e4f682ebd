using EsgTrace.Storage;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace EsgTrace.Claims;

/// <summary>
/// Walks the claims index every <see cref="ClaimMonitorOptions.MonitorMinutes"/> and asks each live claim to re-check
/// itself. Driven by an Orleans reminder, which lives in the reminder table, not in a silo: if the silo running the
/// monitor dies, the silo that takes its reminder range over fires the next tick and the monitor activates there
/// (placed locally, so it runs where its reminder fires).
/// </summary>
[PreferLocalPlacement]
public sealed class ClaimMonitorGrain(IIndexStore index, IOptions<ClaimMonitorOptions> options) : Grain, IClaimMonitorGrain, IRemindable
{
    public const string ReminderName = "claim-monitor";

    public async Task Start()
    {
        var period = options.Value.Period;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);

        // The reminder activates the monitor when it is due; this activation (on whichever silo started) need not stay.
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await CheckAll();
        }
    }

    public async Task<int> CheckAll()
    {
        var changed = 0;
        string? after = null;
        do
        {
            var (claims, next) = await JsonIndex.ScanAsync<ClaimView>(index, "claims", "all", after, 200);
            foreach (var claim in claims.Where(c => c.Status is ClaimStatus.Published or ClaimStatus.AtRisk))
            {
                var now = await GrainFactory.GetGrain<IClaimGrain>(claim.Id).Monitor();
                changed += now is not null && now.Status != claim.Status ? 1 : 0;
            }

            after = next;
        }
        while (after is not null);

        return changed;
    }
}
