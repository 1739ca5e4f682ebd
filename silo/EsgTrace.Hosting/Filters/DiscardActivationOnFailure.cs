using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace EsgTrace.Hosting.Filters;

/// <summary>
/// When a grain call fails with an exception (storage unreachable, a write whose outcome is unknown, a bug), the activation
/// is discarded, so the next call starts from what storage holds, never from memory that may be ahead of or behind it.
/// Refusals are not exceptions (grains return them as outcomes), so this only ever fires on real failures.
/// </summary>
public sealed partial class DiscardActivationOnFailure(ILogger<DiscardActivationOnFailure> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex)
        {
            LogDiscarded(context.TargetContext.GrainId, context.InterfaceMethod?.Name, ex.GetType().Name);
            context.TargetContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, ex, "A call failed; the next call reloads the grain from storage."));
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Grain}.{Method} failed with {Exception}; the activation is discarded so the next call reloads it from storage.")]
    private partial void LogDiscarded(GrainId grain, string? method, string exception);
}
