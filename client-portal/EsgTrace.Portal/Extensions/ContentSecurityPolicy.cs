using System.Security.Cryptography;

namespace EsgTrace.Portal.Extensions;

/// <summary>
/// The Content-Security-Policy every response carries. Scripts: only our own files, plus the one inline script the
/// portal renders (Blazor's import map) by a per-response nonce; no 'unsafe-inline', no 'unsafe-eval', so an injected
/// script or event handler does not run. Styles allow 'unsafe-inline': MudBlazor writes its theme as a &lt;style&gt;
/// element and positions popovers, progress bars and our share bars with style attributes, from the circuit, where
/// no nonce or hash can follow them; inline styles cannot run code. The circuit's WebSocket and Blazor's fetches go to
/// this origin ('self'). No framing, no plugins, no foreign base URL, forms post only here.
/// </summary>
public static class ContentSecurityPolicy
{
    private const string NonceKey = "esgtrace.csp-nonce";

    /// <summary>Extra sources forms may post (or redirect) to, e.g. an OpenID Connect provider's sign-in page.</summary>
    public const string FormActionSetting = "ContentSecurityPolicy:FormAction";

    public static IApplicationBuilder UseEsgTraceContentSecurityPolicy(this IApplicationBuilder app)
    {
        var configuration = app.ApplicationServices.GetRequiredService<IConfiguration>();
        var formAction = string.Join(' ', new[] { "'self'" }.Concat((configuration.GetSection(FormActionSetting).Get<string[]>() is { Length: > 0 } list ? list
            : configuration[FormActionSetting]?.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries) ?? [])));
        return app.Use((context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.Headers.ContentSecurityPolicy = string.Join("; ",
                "default-src 'self'",
                $"script-src 'self' 'nonce-{nonce}'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                $"form-action {formAction}",
                "frame-ancestors 'none'");
            return next(context);
        });
    }

    /// <summary>This response's script nonce, for the inline scripts the portal itself renders.</summary>
    public static string? Nonce(HttpContext? context) => context?.Items[NonceKey] as string;
}
