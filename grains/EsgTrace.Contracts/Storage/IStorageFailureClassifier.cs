namespace EsgTrace.Storage;

/// <summary>
/// Tells whether a failure means "storage did not answer" (the outcome of a write is unknown) in terms only a storage
/// backend knows, e.g. an Azure SDK failure that reached a client inside an Orleans exception (a grain whose state could
/// not be read at activation). The hosting registers one per backend; clients ask it without knowing the SDK.
/// </summary>
public interface IStorageFailureClassifier
{
    bool IsUnavailable(Exception exception);
}
