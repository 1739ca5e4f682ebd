using EsgTrace.Hosting.Azure;
using Microsoft.Extensions.Configuration;

namespace EsgTrace.Hosting;

/// <summary>The "Storage" configuration section.</summary>
public sealed class EsgTraceStorageOptions
{
    public const string Section = "Storage";

    public StorageBackend Backend { get; set; } = StorageBackend.Embedded;

    /// <summary>The embedded store's folder: esgtrace.db and blobs/ live here. Relative paths are from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public AzureStorageOptions Azure { get; set; } = new();

    /// <summary>The section as configured, defaults where unset.</summary>
    public static EsgTraceStorageOptions From(IConfiguration configuration)
        => configuration.GetSection(Section).Get<EsgTraceStorageOptions>() ?? new EsgTraceStorageOptions();
}
