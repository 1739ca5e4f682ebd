using EsgTrace.Hosting.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EsgTrace.Hosting.Clustering;

/// <summary>Where the membership table lives, registered alike for silos (the table) and clients (the gateway list).</summary>
public static class AzureMembershipServices
{
    /// <summary>The Azure account of "Storage:Azure" (validated) and the table name of "Cluster:MembershipTable".</summary>
    public static IServiceCollection AddAzureMembershipStore(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = EsgTraceStorageOptions.From(configuration);
        storage.Azure.Validate();
        services.TryAddSingleton(Options.Create(storage.Azure));
        services.Configure<AzureTableMembershipOptions>(configuration.GetSection(EsgTraceClusterOptions.Section + ":MembershipTable"));
        return services;
    }
}
