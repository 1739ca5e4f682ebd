using System.Text.Json.Serialization;
using EsgTrace.Portal.Api;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Components;
using EsgTrace.Portal.Services;
using EsgTrace.Time;
using Microsoft.AspNetCore.Authentication;
using MudBlazor.Services;
using NodaTime;

namespace EsgTrace.Portal.Extensions;

/// <summary>Everything the portal registers and maps, kept out of Program.cs.</summary>
public static class PlatformExtensions
{
    public static WebApplicationBuilder AddEsgTracePlatform(this WebApplicationBuilder builder)
    {
        // Serve framework and package assets (blazor.web.js, MudBlazor) when run from a build in any environment;
        // ASP.NET Core does this by itself only in Development. A published app has them in wwwroot and ignores this.
        builder.WebHost.UseStaticWebAssets();
        // A build's asset manifest makes MapStaticAssets watch wwwroot for edits (no-cache on every asset, edited files
        // re-compressed on the fly); outside Development serve what the build fingerprinted and compressed, cached for a year.
        if (!builder.Environment.IsDevelopment() && builder.Configuration["ReloadStaticAssetsAtRuntime"] is null)
        {
            builder.Configuration.AddInMemoryCollection([new("ReloadStaticAssetsAtRuntime", "false")]);
        }

        // Before anything writes to the data directory (the co-hosted silo opens SQLite as it is registered).
        DataDirectoryPermissions.Secure(OrleansHostingExtensions.DataDirectory(builder.Configuration), DataProtectionExtensions.KeysDirectory(builder.Configuration));
        builder.AddEsgTraceOrleans();
        builder.AddEsgTraceProxyAndHttps();
        builder.AddEsgTraceObservability();
        var services = builder.Services;
        services.AddSingleton<IClock>(NodaTime.SystemClock.Instance);
        services.ConfigureHttpJsonOptions(o => EsgJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.AddOpenApi();
        services.AddEsgTraceAuth(builder.Configuration);
        services.AddAntiforgery();
        builder.AddEsgTraceDataProtection();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<AccountService>();
        services.AddSingleton<SupplyChainService>();
        services.AddSingleton<SupplierPortalService>();
        services.AddSingleton<MasterDataNames>();
        services.AddSingleton<GreenItService>();
        services.AddSingleton<CarbonAwareService>();
        services.AddEsgTracePactExchange();
        services.AddSingleton<ClaimService>();
        services.AddSingleton<ScorecardService>();
        services.AddSingleton<EpcisSubscriptionService>();
        services.AddOptions<EsgTrace.Epcis.EpcisSubscriptionOptions>().BindConfiguration(EsgTrace.Epcis.EpcisSubscriptionOptions.Section);
        services.AddSingleton<PublicAddress>();
        services.AddOptions<ProofsOptions>().BindConfiguration(ProofsOptions.Section)
            .Validate(o => ProofsOptions.IsValid(o.PublicBaseUrl), $"{ProofsOptions.Section}:{nameof(ProofsOptions.PublicBaseUrl)} must be an absolute http or https URL without query or fragment, e.g. https://esg.example.com.")
            .ValidateOnStart();
        services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        // Registered after the silo (or client), so it runs once grains answer; it also bootstraps the first admin of a new cluster.
        services.Configure<OrganisationOptions>(builder.Configuration.GetSection(OrganisationOptions.Section));
        services.AddAssetCompression();
        services.AddSingleton<DemoCredentialsNotice>();
        services.AddHostedService<DemoSeeder>();

        services.AddHostedService<StartupBanner>();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 10 * 1024 * 1024);
        return builder;
    }

    public static WebApplication MapEsgTracePlatform(this WebApplication app)
    {
        app.UseEsgTraceProxyAndHttps();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseEsgTraceSecurityHeaders();
        app.UseRateLimiter();
        app.UseEsgTraceContentSecurityPolicy();
        app.UseEsgTracePrivateResponses();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEsgTraceRequestContentTypes();
        app.UseAntiforgery();

        // Compresses only what MapStaticAssets has no compressed variant of (MudBlazor's fingerprinted CSS and JS); see
        // AddAssetCompression. Placed before the endpoints, so it wraps the static-asset endpoints too.
        app.UseResponseCompression();
        app.MapStaticAssets();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthApi();
        app.MapEsgTraceObservability();
        app.MapAccountsApi();
        app.MapAuditApi();
        app.MapSupplyChainApi();
        app.MapSupplierPortalApi();
        app.MapClaimsApi();
        app.MapGreenItApi();
        app.MapCarbonAwareApi();
        app.MapScorecardApi();
        app.MapVerificationApi();
        app.MapEpcisApi();
        app.MapMasterDataApi();
        app.MapEpcisQueriesApi();
        app.MapPactApi();
        app.MapSessionEndpoints();
        app.MapEsgTraceSingleSignOn();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
