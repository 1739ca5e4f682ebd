namespace EsgTrace.Storage;

/// <summary>What is known of a stored blob: its name, size, content type and SHA-256 (lowercase hex).</summary>
[GenerateSerializer, Immutable, Alias("esg.blob-info")]
public sealed record BlobInfo(string Container, string Name, long Length, string ContentType, string Sha256);
