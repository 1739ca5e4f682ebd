using EsgTrace.Portal.Auth;
using Microsoft.Net.Http.Headers;

namespace EsgTrace.Portal.Extensions;

/// <summary>
/// Responses for a signed-in user or an API caller are never stored by a browser or a shared cache
/// (<c>Cache-Control: no-store</c>): a proxy or the browser's back button must not hand one person's figures, users or
/// keys to the next. Public cacheable assets (the fingerprinted, <c>immutable</c> static files) keep their caching.
/// </summary>
public static class PrivateResponses
{
    public static IApplicationBuilder UseEsgTracePrivateResponses(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if ((context.User.Identity?.IsAuthenticated == true || AuthExtensions.IsApi(context.Request)) && !IsPublicAsset(context.Response))
            {
                context.Response.Headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    private static bool IsPublicAsset(HttpResponse response)
        => CacheControlHeaderValue.TryParse(response.Headers.CacheControl.ToString(), out var cache) && (cache.Public || cache.Extensions.Any(e => e.Name.Equals("immutable", StringComparison.OrdinalIgnoreCase)));
}
