using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace EsgTrace.Portal.Extensions;

/// <summary>
/// Brotli/gzip for stylesheets and scripts that the build did not compress. MapStaticAssets serves precompressed variants
/// of the portal's own assets and of Blazor's, but the SDK gives the fingerprinted URLs MudBlazor's package defines
/// (<c>MudBlazor.min.&lt;hash&gt;.css/js</c>) none, so its 627 KB stylesheet would go out uncompressed. Responses that
/// already carry a Content-Encoding pass through untouched. Only CSS and JavaScript: they hold no secrets, so compressing
/// them over HTTPS gives nothing away (BREACH concerns pages that mix secrets with reflected input; HTML and JSON stay as
/// they are).
/// </summary>
public static class AssetCompressionExtensions
{
    public static IServiceCollection AddAssetCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/css", "text/javascript", "application/javascript"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: a fingerprinted asset is compressed once per visitor and then cached for a year by the browser.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }
}
