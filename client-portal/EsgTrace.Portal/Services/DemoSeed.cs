using EsgTrace.Domain;

namespace EsgTrace.Portal.Services;

/// <summary>Demo seeding stops loudly: a refused demo record means the demo data and the rules disagree.</summary>
public static class DemoSeed
{
    public static async Task Must<T>(Task<Outcome<T>> call, string what)
    {
        var outcome = await call;
        if (!outcome.IsOk)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {outcome.Problem!.Detail}");
        }
    }
}
