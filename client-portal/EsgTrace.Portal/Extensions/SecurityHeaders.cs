namespace EsgTrace.Portal.Extensions;

/// <summary>Headers every response carries: no MIME sniffing, no framing, no referrer leaks.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseEsgTraceSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        return next();
    });
}
