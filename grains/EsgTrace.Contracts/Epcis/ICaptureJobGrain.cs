namespace EsgTrace.Epcis;

/// <summary>
/// One EPCIS capture, keyed by its capture id. Accepting it is durable (the document is staged first); storing the events
/// and feeding the supply chain run after, and resume at the next start if the silo stops half-way.
/// </summary>
[Alias("esg.ICaptureJobGrain")]
public interface ICaptureJobGrain : IGrainWithStringKey
{
    /// <summary>
    /// Accepts a schema-checked EPCISDocument (its bytes as received): stages it in the cluster's blob store under its
    /// SHA-256 and starts storing it; returns once the job is durable. Clients never touch storage themselves.
    /// </summary>
    [Alias("Submit")]
    Task<CaptureJob> Submit(byte[] document, int eventCount, bool proceedOnError, string actor);

    [Alias("Status")]
    Task<CaptureJob?> Status();

    /// <summary>Waits (at most <paramref name="timeout"/>) for the job to finish; returns its state then.</summary>
    [Alias("WaitFinished"), Orleans.Concurrency.AlwaysInterleave]
    Task<CaptureJob?> WaitFinished(TimeSpan timeout);

    [Alias("Resume")]
    Task Resume();
}

/// <summary>
/// The single writer of the EPCIS repository: captures are decided (new, duplicate or conflicting) and written in arrival
/// order; the next one is read and decided while the one before it is written, so Store calls interleave.
/// </summary>
[Alias("esg.IEpcisRepositoryGrain")]
public interface IEpcisRepositoryGrain : IGrainWithStringKey
{
    [Alias("Store"), Orleans.Concurrency.AlwaysInterleave]
    Task<EpcisStoreResult> Store(string captureId, string blobName, NodaTime.Instant recordTime, bool proceedOnError);
}

/// <summary>EPCIS queries, answered by any silo.</summary>
[Alias("esg.IEpcisQueryGrain")]
public interface IEpcisQueryGrain : IGrainWithIntegerKey
{
    [Alias("Query")]
    Task<EpcisPage> Query(EpcisQuery query);

    [Alias("Get")]
    Task<EpcisStoredEvent?> Get(string eventId);
}
