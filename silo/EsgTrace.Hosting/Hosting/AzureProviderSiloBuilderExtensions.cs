using EsgTrace.Hosting;
using EsgTrace.Hosting.Azure;
using EsgTrace.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Orleans.Hosting;

/// <summary>
/// The official Orleans Azure Storage providers (clustering, grain storage, reminders), configured from our
/// "Storage:Azure" settings with the packages' own options types: the same account, credentials and client retry
/// settings as our table and blob stores, names from <see cref="AzureProviderNames"/>.
/// </summary>
public static class AzureProviderSiloBuilderExtensions
{
    /// <summary>Cluster membership in an Azure table (Microsoft.Orleans.Clustering.AzureStorage).</summary>
    public static ISiloBuilder UseEsgTraceAzureClustering(this ISiloBuilder silo, AzureStorageOptions azure)
    {
        azure.Validate();
        return silo.UseAzureStorageClustering(o =>
        {
            o.TableName = AzureProviderNames.MembershipTable(azure.TablePrefix);
            o.TableServiceClient = AzureTableServiceFactory.Create(azure);
        });
    }

    /// <summary>
    /// Orleans-managed grain state on Azure (Microsoft.Orleans.Persistence.AzureStorage): the default provider on table
    /// storage (the state split over binary properties up to the package's 960 KiB per entity), and
    /// <see cref="GrainStorageNames.LargeState"/> on blob storage for grains whose state can outgrow an entity. Both
    /// serialize with the silo's <see cref="IGrainStorageSerializer"/> (System.Text.Json configured by EsgJson), the one
    /// the embedded <c>TableGrainStorage</c> uses, so state reads back the same on either backend.
    /// </summary>
    public static ISiloBuilder AddEsgTraceAzureGrainStorage(this ISiloBuilder silo, AzureStorageOptions azure)
    {
        azure.Validate();
        silo.UseEsgTraceGrainStorageSerializer();
        silo.AddAzureTableGrainStorageAsDefault(options => options.Configure<IGrainStorageSerializer>((o, serializer) =>
        {
            o.TableName = AzureProviderNames.GrainStateTable(azure.TablePrefix);
            o.DeleteStateOnClear = true;
            o.GrainStorageSerializer = serializer;
            o.TableServiceClient = AzureTableServiceFactory.Create(azure);
        }));
        silo.AddAzureBlobGrainStorage(GrainStorageNames.LargeState, options => options.Configure<IGrainStorageSerializer>((o, serializer) =>
        {
            o.ContainerName = AzureProviderNames.LargeGrainStateContainer(azure.TablePrefix);
            o.DeleteStateOnClear = true;
            o.GrainStorageSerializer = serializer;
            o.BlobServiceClient = AzureBlobServiceFactory.Create(azure);
        }));
        return silo;
    }

    /// <summary>Reminders in an Azure table (Microsoft.Orleans.Reminders.AzureStorage).</summary>
    public static ISiloBuilder UseEsgTraceAzureReminders(this ISiloBuilder silo, AzureStorageOptions azure)
    {
        azure.Validate();
        return silo.UseAzureTableReminderService(o =>
        {
            o.TableName = AzureProviderNames.ReminderTable(azure.TablePrefix);
            o.TableServiceClient = AzureTableServiceFactory.Create(azure);
        });
    }
}
