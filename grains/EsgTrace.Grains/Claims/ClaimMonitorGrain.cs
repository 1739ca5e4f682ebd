using EsgTrace.Storage;
using Microsoft.Extensions.Configuration;

namespace EsgTrace.Claims;

/// <summary>Walks the claims index every few minutes (Claims:MonitorMinutes, default 5) and asks each live claim to re-check itself.</summary>
public sealed class ClaimMonitorGrain(IIndexStore index, IConfiguration configuration) : Grain, IClaimMonitorGrain
{
    private IGrainTimer? _timer;

    public Task Start()
    {
        if (_timer is null)
        {
            var period = TimeSpan.FromMinutes(Math.Max(0.1, configuration.GetValue("Claims:MonitorMinutes", 5.0)));
            _timer = this.RegisterGrainTimer(async _ => await CheckAll(), new GrainTimerCreationOptions(period, period) { KeepAlive = true, Interleave = false });
        }

        return Task.CompletedTask;
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
