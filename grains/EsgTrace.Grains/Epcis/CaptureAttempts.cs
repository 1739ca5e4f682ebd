using EsgTrace.Storage;

namespace EsgTrace.Epcis;

/// <summary>
/// When a capture job stops trying. A failure with an unknown outcome (storage or a silo did not answer) is retried by
/// the pending-work resumer, up to <see cref="Max"/> runs; any other failure is the document's own (a row the store
/// refuses, an unreadable staged document) and would repeat at every run, so the job ends failed at once.
/// </summary>
public static class CaptureAttempts
{
    public const int Max = 5;

    public static bool IsTransient(Exception exception, IEnumerable<IStorageFailureClassifier> storage)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException or TimeoutException or OperationCanceledException or SiloUnavailableException or OrleansMessageRejectionException
                || storage.Any(s => s.IsUnavailable(e)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the job reports for a final failure.</summary>
    public static EpcisProblem Problem(Exception exception) => exception is StorageLimitException
        ? new EpcisProblem(EpcisProblem.CaptureLimitExceeded, "The document could not be stored.", "An event is larger than the repository holds: " + exception.Message + " Nothing of the document was stored; split or shorten the event.", null, 413)
        : new EpcisProblem(EpcisProblem.Implementation, "The document could not be stored.", "The capture failed and nothing of the document was stored; the platform's log names the cause.", null, 500);

    public static EpcisProblem GaveUp(int attempts) => new(EpcisProblem.Implementation, "The document could not be stored.",
        $"The capture was interrupted {attempts} times (storage or the cluster did not answer); nothing of the document was stored. Send it again.", null, 500);
}
