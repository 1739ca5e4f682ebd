using System.Collections.Concurrent;
using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using EsgTrace.Storage;
using BlobInfo = EsgTrace.Storage.BlobInfo;
using Microsoft.Extensions.Options;

namespace EsgTrace.Hosting.Azure;

/// <summary>Documents on Azure Blob storage (or Azurite): container = prefix + name; the SHA-256 is kept in the blob's metadata.</summary>
public sealed class AzureBlobStore : IBlobStore
{
    private const string Sha256Key = "sha256";
    private readonly BlobServiceClient _service;
    private readonly string _prefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> _containers = new();

    public AzureBlobStore(IOptions<AzureStorageOptions> options)
    {
        var o = options.Value;
        o.Validate();
        _prefix = o.TablePrefix;
        _service = AzureBlobServiceFactory.Create(o);
    }

    public async Task<BlobInfo> PutAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        BlobNames.EnsureName(name);
        var blob = (await ContainerAsync(container, cancellationToken)).GetBlobClient(name);
        var info = new BlobInfo(container, name, content.Length, contentType, BlobNames.Sha256Hex(content.Span));
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = new Dictionary<string, string> { [Sha256Key] = info.Sha256 },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return info;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            var existing = await GetInfoAsync(blob, container, name, cancellationToken);
            return existing?.Sha256 == info.Sha256 ? existing : throw new StorageConflictException($"Blob '{container}/{name}' already exists with other content.", ex);
        }
        catch (Exception ex) when (AzureFailures.IsUnavailable(ex))
        {
            throw new StorageUnavailableException("Azure Blob storage did not answer; the document was not confirmed.", ex);
        }
    }

    public async Task<StoredBlob?> GetAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        BlobNames.EnsureName(name);
        var blob = (await ContainerAsync(container, cancellationToken)).GetBlobClient(name);
        try
        {
            var result = await blob.DownloadContentAsync(cancellationToken);
            var details = result.Value.Details;
            var info = new BlobInfo(container, name, details.ContentLength, details.ContentType, details.Metadata.TryGetValue(Sha256Key, out var sha) ? sha : BlobNames.Sha256Hex(result.Value.Content.ToMemory().Span));
            return new StoredBlob(info, result.Value.Content.ToMemory());
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<BlobInfo> PutStreamAsync(string container, string name, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        BlobNames.EnsureName(name);
        var blob = (await ContainerAsync(container, cancellationToken)).GetBlobClient(name);
        using var hashing = new HashingReadStream(content);
        try
        {
            // Uploaded in blocks as the stream is read; the hash is known only at the end, so it is written as metadata after.
            var uploaded = await blob.UploadAsync(hashing, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                TransferOptions = new global::Azure.Storage.StorageTransferOptions { MaximumTransferSize = 4 * 1024 * 1024, InitialTransferSize = 4 * 1024 * 1024 },
            }, cancellationToken);
            var info = new BlobInfo(container, name, hashing.Length, contentType, hashing.Sha256Hex());
            await blob.SetMetadataAsync(new Dictionary<string, string> { [Sha256Key] = info.Sha256 }, new BlobRequestConditions { IfMatch = uploaded.Value.ETag }, cancellationToken);
            return info;
        }
        catch (RequestFailedException ex) when (ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            await hashing.CopyToAsync(Stream.Null, cancellationToken);
            var existing = await GetInfoAsync(blob, container, name, cancellationToken);
            return existing?.Sha256 == hashing.Sha256Hex() ? existing : throw new StorageConflictException($"Blob '{container}/{name}' already exists with other content.", ex);
        }
        catch (Exception) when (hashing.SourceFailure is { } source)
        {
            // The caller's stream failed, not the store: nothing was committed (uncommitted blocks expire), and the caller sees its own error.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(source);
            throw;
        }
        catch (Exception ex) when (AzureFailures.IsUnavailable(ex))
        {
            throw new StorageUnavailableException("Azure Blob storage did not answer; the document was not confirmed.", ex);
        }
    }

    public async Task<Stream?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        BlobNames.EnsureName(name);
        var blob = (await ContainerAsync(container, cancellationToken)).GetBlobClient(name);
        try
        {
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = 4 * 1024 * 1024 }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        BlobNames.EnsureName(name);
        var blob = (await ContainerAsync(container, cancellationToken)).GetBlobClient(name);
        return (await blob.ExistsAsync(cancellationToken)).Value;
    }

    private static async Task<BlobInfo?> GetInfoAsync(BlobClient blob, string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new BlobInfo(container, name, properties.ContentLength, properties.ContentType, properties.Metadata.TryGetValue(Sha256Key, out var sha) ? sha : string.Empty);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private Task<BlobContainerClient> ContainerAsync(string container, CancellationToken cancellationToken)
    {
        BlobNames.EnsureContainer(container);
        var lazy = _containers.GetOrAdd(container, name => new Lazy<Task<BlobContainerClient>>(async () =>
        {
            var client = _service.GetBlobContainerClient(_prefix + name);
            await client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            return client;
        }));
        if (lazy.Value.IsFaulted)
        {
            _containers.TryRemove(new KeyValuePair<string, Lazy<Task<BlobContainerClient>>>(container, lazy));
        }

        return lazy.Value.WaitAsync(cancellationToken);
    }
}
