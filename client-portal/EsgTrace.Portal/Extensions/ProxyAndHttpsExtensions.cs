using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace EsgTrace.Portal.Extensions;

/// <summary>
/// Running behind a TLS-terminating proxy, or on HTTPS itself. X-Forwarded-For/-Proto/-Host are believed only from the
/// proxies (<c>Network:KnownProxies</c>, addresses) and networks (<c>Network:KnownNetworks</c>, CIDR) configured, never
/// from anyone else (not even loopback, which ASP.NET Core trusts by default). After them a request forwarded as https
/// is https: its sign-in and anti-forgery cookies are Secure and it gets HSTS. HTTPS on Kestrel itself is Kestrel's own
/// configuration (an https URL in <c>Urls</c> with <c>Kestrel:Certificates:Default:Path</c>/<c>Password</c>, or
/// <c>Kestrel:Endpoints</c>).
/// </summary>
public static class ProxyAndHttpsExtensions
{
    public const string Section = "Network";

    public static WebApplicationBuilder AddEsgTraceProxyAndHttps(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var proxies = Values(section, "KnownProxies").Select(v => IPAddress.TryParse(v, out var a) ? a
            : throw OrleansHostingExtensions.StartupError($"{Section}:KnownProxies has '{v}', which is not an IP address.")).ToList();
        var networks = Values(section, "KnownNetworks").Select(v => System.Net.IPNetwork.TryParse(v, out var n) ? n
            : throw OrleansHostingExtensions.StartupError($"{Section}:KnownNetworks has '{v}', which is not a network in CIDR notation (e.g. 10.0.0.0/8).")).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        // Browsers keep HSTS for a host for MaxAge: a year, as for preload lists; localhost stays excluded (ASP.NET
        // Core's default), so a developer's other local sites are not forced to https.
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's scheme, host and address.</summary>
    public static IApplicationBuilder UseEsgTraceProxyAndHttps(this IApplicationBuilder app)
        => app.UseForwardedHeaders().UseHsts();

    // A list (Network:KnownProxies:0, …) or one comma-separated value (an environment variable).
    private static string[] Values(IConfigurationSection section, string name)
        => section.GetSection(name).Get<string[]>() is { Length: > 0 } list ? list
            : section[name]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
