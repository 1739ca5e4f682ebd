using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// Stores captures through one <see cref="EpcisCapturePipeline"/>, so two captures of the same event cannot both find it
/// new. Store calls interleave (the interface marks them so): while one document is written, the next is read, checked and
/// planned. At most two are admitted at once (one written, one prepared); the others wait their turn unread.
/// </summary>
public sealed class EpcisRepositoryGrain(ITableStore tables, IIndexStore index, IBlobStore blobs) : Grain, IEpcisRepositoryGrain
{
    private readonly EpcisCapturePipeline _pipeline = new(new EpcisStore(tables, index));
    private readonly SemaphoreSlim _admitted = new(2, 2);

    public async Task<EpcisStoreResult> Store(string captureId, string blobName, Instant recordTime, bool proceedOnError)
    {
        await _admitted.WaitAsync();
        try
        {
            var (doc, read) = await EpcisCaptures.OpenAsync(blobs, blobName);
            using (doc)
            {
                return await _pipeline.StoreAsync(read, captureId, recordTime, proceedOnError);
            }
        }
        finally
        {
            _admitted.Release();
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
