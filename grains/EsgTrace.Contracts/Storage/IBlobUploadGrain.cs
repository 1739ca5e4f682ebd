namespace EsgTrace.Storage;

/// <summary>
/// One upload of a large file into the blob store, in chunks, so no call carries the whole file and no process holds it:
/// <see cref="Begin"/>, then <see cref="Append"/> chunks in order (each at most <see cref="MaxChunkBytes"/>), then
/// <see cref="Complete"/> (the blob, with its length and SHA-256) or <see cref="Abort"/> (nothing stored). The grain streams
/// the chunks straight into the store (files: a temporary file renamed at the end; Azure: blocks); it keeps one upload per
/// activation, so a key is used once.
/// </summary>
[Alias("esg.IBlobUploadGrain")]
public interface IBlobUploadGrain : IGrainWithStringKey
{
    public const int MaxChunkBytes = 1024 * 1024;

    /// <summary>Starts the upload to blob "{container}/{name}".</summary>
    [Alias("Begin")]
    Task Begin(string container, string name, string contentType);

    [Alias("Append")]
    Task Append(byte[] chunk);

    [Alias("Complete")]
    Task<BlobInfo> Complete();

    [Alias("Abort")]
    Task Abort();
}
