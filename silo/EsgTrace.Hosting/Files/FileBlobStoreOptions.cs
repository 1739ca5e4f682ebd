namespace EsgTrace.Hosting.Files;

/// <summary>Where the embedded blob store keeps its files.</summary>
public sealed class FileBlobStoreOptions
{
    public string RootPath { get; set; } = Path.Combine("data", "blobs");
}
