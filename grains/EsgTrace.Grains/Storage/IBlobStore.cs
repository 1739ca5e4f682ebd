namespace EsgTrace.Storage;

/// <summary>Documents (certificates, proof PDFs, exports) kept as immutable blobs in named containers. Files on disk (embedded) or Azure Blob storage.</summary>
public interface IBlobStore
{
    /// <summary>Stores a new blob; fails with <see cref="StorageConflictException"/> if the name is taken by different content. Storing identical content again is a no-op.</summary>
    Task<BlobInfo> PutAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default);

    /// <summary>The blob's bytes and metadata, or null when it does not exist.</summary>
    Task<StoredBlob?> GetAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>True when the blob exists.</summary>
    Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default);
}
