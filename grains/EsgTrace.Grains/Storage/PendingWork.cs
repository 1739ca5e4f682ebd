namespace EsgTrace.Storage;

/// <summary>Start-up duty shared by resumable jobs: every key under an index partition of "accepted, not finished" work is handed back to its grain.</summary>
public static class PendingWork
{
    public static async Task ForEachAsync(IIndexStore index, string name, string partition, Func<string, Task> resume)
    {
        string? after = null;
        do
        {
            var page = await index.ScanAsync(name, partition, after, null, 200);
            foreach (var entry in page.Entries)
            {
                await resume(entry.Key);
            }

            after = page.NextAfterKey;
        }
        while (after is not null);
    }
}
