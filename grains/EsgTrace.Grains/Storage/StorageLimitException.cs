namespace EsgTrace.Storage;

/// <summary>A write exceeds a limit every backend must honour (row size, key length, batch size). Nothing was written.</summary>
public sealed class StorageLimitException(string message) : Exception(message);
