using EsgTrace.Storage;

namespace EsgTrace.SupplyChain;

/// <summary>Stores documents (certificate evidence, proofs) in the cluster's blob store, so clients never need storage access.</summary>
[Alias("esg.IDocumentStoreGrain")]
public interface IDocumentStoreGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the bytes under their SHA-256 in the container; returns what was stored.</summary>
    [Alias("Store")]
    Task<BlobInfo> Store(string container, string prefix, byte[] content, string contentType);

    [Alias("Read")]
    Task<StoredBlob?> Read(string container, string name);
}
