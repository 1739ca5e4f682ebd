using EsgTrace.Hosting;
using EsgTrace.Hosting.Azure;

namespace Orleans.Hosting;

/// <summary>The client side of Microsoft.Orleans.Clustering.AzureStorage, configured from our "Storage:Azure" settings.</summary>
public static class AzureProviderClientBuilderExtensions
{
    /// <summary>Gateways read from the membership table the silos keep (<see cref="AzureProviderNames.MembershipTable"/>).</summary>
    public static IClientBuilder UseEsgTraceAzureClustering(this IClientBuilder client, AzureStorageOptions azure)
    {
        azure.Validate();
        return client.UseAzureStorageClustering(o =>
        {
            o.TableName = AzureProviderNames.MembershipTable(azure.TablePrefix);
            o.TableServiceClient = AzureTableServiceFactory.Create(azure);
        });
    }
}
