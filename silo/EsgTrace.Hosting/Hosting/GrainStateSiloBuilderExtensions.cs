using EsgTrace.Hosting;
using EsgTrace.Storage;
using EsgTrace.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Orleans.Hosting;

/// <summary>Orleans-managed grain state on the configured backend, with one serializer for both.</summary>
public static class GrainStateSiloBuilderExtensions
{
    /// <summary>
    /// Embedded: our <c>TableGrainStorage</c> on SQLite, as the default and as <see cref="GrainStorageNames.LargeState"/>.
    /// AzureStorage: the official Azure table grain storage as the default and blob grain storage for large state.
    /// </summary>
    public static ISiloBuilder AddEsgTraceGrainState(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = EsgTraceStorageOptions.From(configuration);
        if (storage.Backend == StorageBackend.AzureStorage)
        {
            return silo.AddEsgTraceAzureGrainStorage(storage.Azure);
        }

        silo.AddEsgTraceGrainStorage();
        return silo.AddEsgTraceGrainStorage(GrainStorageNames.LargeState);
    }

    /// <summary>
    /// Orleans' System.Text.Json grain-storage serializer with EsgJson's settings (camelCase, kebab-case enums, NodaTime
    /// ISO), instead of Orleans' default Newtonsoft one that stores assembly-qualified type names (broken by every rename).
    /// </summary>
    public static ISiloBuilder UseEsgTraceGrainStorageSerializer(this ISiloBuilder silo)
    {
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.Configure<SystemTextJsonGrainStorageSerializerOptions>(o => EsgJson.Configure(o.JsonSerializerOptions));
        return silo;
    }
}
