using EsgTrace.Storage;

namespace EsgTrace.Epcis;

/// <summary>
/// What storing one document will do, decided and built before anything is written (<see cref="EpcisStore.PlanAsync"/>):
/// the result to report, the events planned, their rows and index entries, and each event as the store will hold it once
/// the write commits, by eventID (the next document's existence query reads these while this one is being written).
/// </summary>
public sealed class EpcisWritePlan
{
    internal EpcisWritePlan(EpcisStoreResult result, IReadOnlyList<EpcisStore.Planned> plan, IReadOnlyList<TableRow> rows, IReadOnlyList<IndexRow> entries, IReadOnlyDictionary<string, EpcisStore.Found> writes)
    {
        Result = result;
        Plan = plan;
        Rows = rows;
        Entries = entries;
        Writes = writes;
    }

    public EpcisStoreResult Result { get; }

    internal IReadOnlyList<EpcisStore.Planned> Plan { get; }

    internal IReadOnlyList<TableRow> Rows { get; }

    internal IReadOnlyList<IndexRow> Entries { get; }

    internal IReadOnlyDictionary<string, EpcisStore.Found> Writes { get; }

    /// <summary>A rollback capture refused as a whole: nothing to write.</summary>
    internal static EpcisWritePlan Refused(EpcisStoreResult result) => new(result, [], [], [], new Dictionary<string, EpcisStore.Found>());
}
