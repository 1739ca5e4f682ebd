namespace EsgTrace.Storage;

/// <summary>
/// The storage backend did not answer or failed, so the write's outcome is unknown; retrying it (same id) is safe. The API
/// maps it to 503 with Retry-After. Serializable across grain calls, so a portal sees this type, not a generic failure.
/// </summary>
[GenerateSerializer, Alias("esg.storage-unavailable")]
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
