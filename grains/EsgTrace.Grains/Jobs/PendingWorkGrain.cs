using EsgTrace.Epcis;
using EsgTrace.GreenIt;
using EsgTrace.Storage;
using Microsoft.Extensions.Options;
using Orleans.Placement;

namespace EsgTrace.Jobs;

/// <summary>
/// One reminder for all resumable work: each tick scans the "pending" index partitions of capture jobs and usage imports
/// (empty most of the time: one small range scan) and calls Resume on each entry. A job still running in a live
/// activation ignores the call; one whose silo died is activated again on a survivor and continues from its state. One
/// reminder instead of one per job keeps the reminder table and the write path of every capture unchanged.
/// </summary>
[PreferLocalPlacement]
public sealed class PendingWorkGrain(IIndexStore index, IOptions<PendingWorkOptions> options) : Grain, IPendingWorkGrain, IRemindable
{
    public const string ReminderName = "resume-pending";

    public async Task Start()
    {
        var period = options.Value.Period;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
        // At start-up, work a restart interrupted resumes now rather than a period later.
        await ResumeAll();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await ResumeAll();
        }
    }

    public async Task<int> ResumeAll()
    {
        var pending = 0;
        await PendingWork.ForEachAsync(index, EpcisCaptures.Index, EpcisCaptures.Pending, key =>
        {
            pending++;
            return GrainFactory.GetGrain<ICaptureJobGrain>(key).Resume();
        });
        await PendingWork.ForEachAsync(index, GreenItIndexes.Imports, GreenItIndexes.Pending, key =>
        {
            pending++;
            return GrainFactory.GetGrain<IUsageImportGrain>(key).Resume();
        });
        return pending;
    }
}
