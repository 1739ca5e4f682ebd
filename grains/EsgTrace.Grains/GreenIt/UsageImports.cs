using EsgTrace.Storage;

namespace EsgTrace.GreenIt;

/// <summary>Start-up duty: every import accepted but not finished when the silo stopped is resumed.</summary>
public static class UsageImports
{
    public static Task ResumePendingAsync(IIndexStore index, IGrainFactory grains)
        => PendingWork.ForEachAsync(index, GreenItIndexes.Imports, GreenItIndexes.Pending, key => grains.GetGrain<IUsageImportGrain>(key).Resume());
}
