namespace EsgTrace.Storage;

/// <summary>The storage backend did not answer or failed; the write may be retried. The API maps it to 503.</summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
