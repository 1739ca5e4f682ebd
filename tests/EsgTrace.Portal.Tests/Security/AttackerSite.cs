using Microsoft.AspNetCore.Builder;
using EsgTrace.Testing;
using Microsoft.AspNetCore.Http;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>
/// Another web site on another port of the same host (so the same site, for SameSite cookies): a tiny Kestrel app that
/// serves one page, whose HTML the test chooses, at its root.
/// </summary>
public sealed class AttackerSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AttackerSite(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<AttackerSite> StartAsync(string html)
    {
        var (app, address) = await LoopbackSite.StartAsync(app => app.MapGet("/", () => Results.Content(html, "text/html; charset=utf-8")));
        return new AttackerSite(app, address);
    }

    /// <summary>A page that posts a form to <paramref name="target"/> as soon as it loads, as a victim's browser would.</summary>
    public static string AutoSubmittingForm(Uri target, string enctype, IReadOnlyDictionary<string, string> fields)
    {
        var inputs = string.Concat(fields.Select(f => $"<input type=\"hidden\" name=\"{System.Net.WebUtility.HtmlEncode(f.Key)}\" value=\"{System.Net.WebUtility.HtmlEncode(f.Value)}\">"));
        return $"""
            <!DOCTYPE html>
            <html lang="en"><head><title>You won a prize</title></head>
            <body><form id="f" method="post" action="{target}" enctype="{enctype}">{inputs}</form>
            <script>document.getElementById('f').submit();</script></body></html>
            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
