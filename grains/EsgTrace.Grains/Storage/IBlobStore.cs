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

    /// <summary>
    /// Stores a new blob read from <paramref name="content"/> to its end, without holding it whole (files: written to a
    /// temporary file and renamed; Azure: uploaded in blocks), hashing it as it goes. Same conflict rules as
    /// <see cref="PutAsync"/>. The default buffers the stream, for stores that add nothing.
    /// </summary>
    async Task<BlobInfo> PutStreamAsync(string container, string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return await PutAsync(container, name, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), contentType, cancellationToken);
    }

    /// <summary>
    /// The blob's content as a stream read as it is consumed (files: a file stream; Azure: ranged downloads), or null when
    /// the blob does not exist. The default reads it whole, for stores that add nothing.
    /// </summary>
    async Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default)
        => await GetAsync(container, name, cancellationToken) is { } blob ? BlobStreams.Open(blob.Content) : null;
}
