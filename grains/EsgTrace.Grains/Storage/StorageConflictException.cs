namespace EsgTrace.Storage;

/// <summary>A write's precondition failed: the row already exists, no longer exists, or carries another ETag. Nothing was written.</summary>
public sealed class StorageConflictException(string message, Exception? inner = null) : Exception(message, inner);
