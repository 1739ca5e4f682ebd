using System.Text.Json;
using EsgTrace.Storage;
using Microsoft.Extensions.Options;

namespace EsgTrace.Hosting.Files;

/// <summary>
/// The embedded blob store: one file per blob under a root folder, with a small JSON sidecar for its metadata.
/// A blob is written to a temporary file, flushed to disk and renamed into place, so a crash never leaves half a blob.
/// </summary>
public sealed class FileBlobStore(IOptions<FileBlobStoreOptions> options) : IBlobStore
{
    private readonly string _root = Path.GetFullPath(options.Value.RootPath);

    public async Task<BlobInfo> PutAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        var info = new BlobInfo(container, name, content.Length, contentType, BlobNames.Sha256Hex(content.Span));
        var existing = await GetInfoAsync(path, cancellationToken);
        if (existing is not null)
        {
            return existing.Sha256 == info.Sha256 ? existing : throw new StorageConflictException($"Blob '{container}/{name}' already exists with other content.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await WriteDurablyAsync(path, content, cancellationToken);
        await WriteDurablyAsync(path + ".meta.json", JsonSerializer.SerializeToUtf8Bytes(info), cancellationToken);
        return info;
    }

    public async Task<StoredBlob?> GetAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        var info = await GetInfoAsync(path, cancellationToken);
        return info is null ? null : new StoredBlob(info, await File.ReadAllBytesAsync(path, cancellationToken));
    }

    public async Task<BlobInfo> PutStreamAsync(string container, string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        var existing = await GetInfoAsync(path, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        BlobInfo info;
        try
        {
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            long length = 0;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
                try
                {
                    int read;
                    while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                        length += read;
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }

                file.Flush(flushToDisk: true);
            }

            info = new BlobInfo(container, name, length, contentType, Convert.ToHexStringLower(hash.GetHashAndReset()));
            if (existing is not null)
            {
                return existing.Sha256 == info.Sha256 ? existing : throw new StorageConflictException($"Blob '{container}/{name}' already exists with other content.");
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        await WriteDurablyAsync(path + ".meta.json", JsonSerializer.SerializeToUtf8Bytes(info), cancellationToken);
        return info;
    }

    public async Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        return await GetInfoAsync(path, cancellationToken) is null
            ? null
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    public async Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default)
        => await GetInfoAsync(PathOf(container, name), cancellationToken) is not null;

    private static async Task<BlobInfo?> GetInfoAsync(string path, CancellationToken cancellationToken)
    {
        // The sidecar is written last: a blob without it was never acknowledged.
        var meta = path + ".meta.json";
        if (!File.Exists(meta))
        {
            return null;
        }

        await using var stream = File.OpenRead(meta);
        return await JsonSerializer.DeserializeAsync<BlobInfo>(stream, cancellationToken: cancellationToken);
    }

    private static async Task WriteDurablyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(content, cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string container, string name)
    {
        BlobNames.EnsureContainer(container);
        BlobNames.EnsureName(name);
        return Path.Combine(_root, container, name.Replace('/', Path.DirectorySeparatorChar));
    }
}
