using EsgTrace.Storage;

namespace EsgTrace.GreenIt;

/// <summary>Start-up duty: every import accepted but not finished when the silo stopped is resumed.</summary>
public static class UsageImports
{
    public static async Task ResumePendingAsync(IIndexStore index, IGrainFactory grains)
    {
        string? after = null;
        do
        {
            var page = await index.ScanAsync(GreenItIndexes.Imports, GreenItIndexes.Pending, after, null, 200);
            foreach (var entry in page.Entries)
            {
                await grains.GetGrain<IUsageImportGrain>(entry.Key).Resume();
            }

            after = page.NextAfterKey;
        }
        while (after is not null);
    }
}
