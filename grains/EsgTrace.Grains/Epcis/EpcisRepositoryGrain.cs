using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>Stores captures one at a time, so two captures of the same event cannot both find it new.</summary>
public sealed class EpcisRepositoryGrain(ITableStore tables, IIndexStore index, IBlobStore blobs) : Grain, IEpcisRepositoryGrain
{
    public async Task<EpcisStoreResult> Store(string captureId, string blobName, Instant recordTime, bool proceedOnError)
    {
        var (doc, read) = await EpcisCaptures.OpenAsync(blobs, blobName);
        using (doc)
        {
            return await new EpcisStore(tables, index).StoreAsync(read, captureId, recordTime, proceedOnError);
        }
    }
}

/// <summary>Answers queries from the repository's indexes; stateless, so every silo serves them.</summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class EpcisQueryGrain(ITableStore tables, IIndexStore index, Microsoft.Extensions.Options.IOptions<EpcisQueryOptions> options) : Grain, IEpcisQueryGrain
{
    public Task<EpcisPage> Query(EpcisQuery query) => new EpcisStore(tables, index).QueryAsync(query, options.Value.ScanLimit);

    public Task<EpcisStoredEvent?> Get(string eventId) => new EpcisStore(tables, index).ReadAsync(eventId);
}
