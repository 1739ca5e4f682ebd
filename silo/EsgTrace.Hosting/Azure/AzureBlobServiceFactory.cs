using Azure.Storage.Blobs;

namespace EsgTrace.Hosting.Azure;

/// <summary>Creates the blob service client every Azure Blob user of ours shares the settings of (blob store and Orleans' blob grain storage).</summary>
public static class AzureBlobServiceFactory
{
    public static BlobServiceClient Create(AzureStorageOptions options, int maxRetries = 3)
    {
        var clientOptions = new BlobClientOptions();
        clientOptions.Retry.MaxRetries = maxRetries;
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ConnectionString, clientOptions)
            : options.Credential is null
                ? new BlobServiceClient(options.BlobServiceUri!, clientOptions)
                : new BlobServiceClient(options.BlobServiceUri!, options.Credential, clientOptions);
    }
}
