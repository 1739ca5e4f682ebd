using Azure.Data.Tables;

namespace EsgTrace.Hosting.Azure;

/// <summary>Creates the table service client every Azure Table user of ours shares the settings of (store and cluster membership).</summary>
public static class AzureTableServiceFactory
{
    public static TableServiceClient Create(AzureStorageOptions options, TimeSpan? networkTimeout = null, int maxRetries = 3)
    {
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = maxRetries;
        clientOptions.Retry.NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(30);
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.ConnectionString, clientOptions)
            : options.Credential is null
                ? new TableServiceClient(options.TableServiceUri!, clientOptions)
                : new TableServiceClient(options.TableServiceUri!, options.Credential, clientOptions);
    }
}
