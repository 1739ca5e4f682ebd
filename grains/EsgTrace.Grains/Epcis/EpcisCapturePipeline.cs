using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// The single writer of the EPCIS repository, in two stages: a document is planned (existence query, decisions, stored
/// JSON, index terms: <see cref="EpcisStore.PlanAsync"/>) while the document before it is written, and written once that
/// write has committed. Documents are stored in the order they arrive. The plan counts the events of the document being
/// written as stored, so an event repeated in the next document is found; if that write fails (and takes its rows back),
/// the next document is planned again without it. At most one plan waits beside one write.
/// </summary>
public sealed class EpcisCapturePipeline(EpcisStore store)
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private Task _writing = Task.CompletedTask;
    private EpcisWritePlan? _inFlight;

    public async Task<EpcisStoreResult> StoreAsync(EpcisDocumentRead document, string captureId, Instant recordTime, bool proceedOnError)
    {
        Task<EpcisStoreResult> write;
        await _turn.WaitAsync();
        try
        {
            var plan = await store.PlanAsync(document, captureId, recordTime, proceedOnError, _inFlight);
            if (!await Succeeded(_writing))
            {
                plan = await store.PlanAsync(document, captureId, recordTime, proceedOnError);
            }

            write = store.WriteAsync(plan);
            _writing = write;
            _inFlight = plan;
        }
        finally
        {
            _turn.Release();
        }

        return await write;
    }

    /// <summary>Waits for a write; its failure is its own document's answer, here it only means "plan without it".</summary>
    private static async Task<bool> Succeeded(Task write)
    {
        try
        {
            await write;
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
