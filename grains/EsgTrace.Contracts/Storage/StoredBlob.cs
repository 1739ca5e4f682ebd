namespace EsgTrace.Storage;

/// <summary>A blob read back with its content.</summary>
[GenerateSerializer, Immutable, Alias("esg.stored-blob")]
public sealed record StoredBlob(BlobInfo Info, ReadOnlyMemory<byte> Content);
