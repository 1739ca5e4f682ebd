using System.Text.Json;
using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.Storage;
using EsgTrace.Time;
using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// Yearly grid datasets as entries of index "griddatasets": partition "versions" keyed by id@version (added once: the
/// store refuses a second write of the key), and partition "order" keyed by import time, so "the newest" is one range read.
/// No grain state: the datasets never grow a state object.
/// </summary>
public sealed class GridDatasetsGrain(IIndexStore index, IAuditTrail audit, IClock clock) : Grain, IGridDatasetsGrain
{
    public const string Index = "griddatasets";
    private const string Versions = "versions";
    private const string Order = "order";

    public async Task<Outcome<string>> Import(YearlyGridDataset dataset, string actor)
    {
        if (await Get(dataset.Ref) is { } existing)
        {
            return SameContent.Of(existing, dataset) ? Outcome<string>.Ok(dataset.Ref) : FactRules.AlreadyRecorded("grid intensity dataset", dataset.Ref);
        }

        try
        {
            await index.AddAsync(Index, Versions, dataset.Ref, JsonSerializer.SerializeToUtf8Bytes(dataset, EsgJson.Options));
        }
        catch (StorageConflictException)
        {
            return await Get(dataset.Ref) is { } raced && SameContent.Of(raced, dataset) ? Outcome<string>.Ok(dataset.Ref) : FactRules.AlreadyRecorded("grid intensity dataset", dataset.Ref);
        }

        var at = clock.GetCurrentInstant();
        await index.PutAsync(Index, Order, $"{at.ToUnixTimeTicks():D19}", System.Text.Encoding.UTF8.GetBytes(dataset.Ref));
        await audit.RecordAsync(new AuditRecord(at, actor, "grid-dataset.imported", "grid-dataset:" + dataset.Ref,
            $"{dataset.Factors.Count} factors, years {dataset.Factors.Min(f => f.Year)}-{dataset.Factors.Max(f => f.Year)}; {dataset.Source}"));
        return Outcome<string>.Ok(dataset.Ref);
    }

    public async Task<YearlyGridDataset?> Get(string? reference)
    {
        if (reference is null)
        {
            var refs = await List();
            if (refs.Count == 0)
            {
                return null;
            }

            reference = refs[^1];
        }

        return await index.GetAsync(Index, Versions, reference) is { } json ? JsonSerializer.Deserialize<YearlyGridDataset>(json.Span, EsgJson.Options) : null;
    }

    public async Task<IReadOnlyList<string>> List()
    {
        var refs = new List<string>();
        string? after = null;
        do
        {
            var page = await index.ScanAsync(Index, Order, after, null, 500);
            refs.AddRange(page.Entries.Select(e => System.Text.Encoding.UTF8.GetString(e.Value.Span)));
            after = page.NextAfterKey;
        }
        while (after is not null);
        return refs.Distinct(StringComparer.Ordinal).ToList();
    }
}
