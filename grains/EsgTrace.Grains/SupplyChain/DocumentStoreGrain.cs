using EsgTrace.Storage;
using Orleans.Concurrency;

namespace EsgTrace.SupplyChain;

/// <summary>Content-addressed document storage: the blob name ends in the content's SHA-256, so a document can never be swapped.</summary>
[StatelessWorker]
public sealed class DocumentStoreGrain(IBlobStore blobs) : Grain, IDocumentStoreGrain
{
    public Task<BlobInfo> Store(string container, string prefix, byte[] content, string contentType)
        => blobs.PutAsync(container, $"{BlobNames.Segment(prefix)}/{BlobNames.Sha256Hex(content)}", content, contentType);

    public Task<StoredBlob?> Read(string container, string name) => blobs.GetAsync(container, name);
}
