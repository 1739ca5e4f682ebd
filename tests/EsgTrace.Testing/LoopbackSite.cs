using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EsgTrace.Testing;

/// <summary>
/// A tiny Kestrel app on a free port of 127.0.0.1, without logging, for the other parties a test talks to over real HTTP
/// (a timestamp authority, a webhook receiver, another site): the caller maps its endpoints, gets the app and its address.
/// </summary>
public static class LoopbackSite
{
    /// <returns>The started app (stop and dispose it) and its base address, ending in '/'.</returns>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
