using System.Net;
using System.Text.RegularExpressions;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>
/// A browser-like HTTP client of the portal's own forms: it keeps cookies, reads each form's anti-forgery token from the
/// page, and posts the form as the page would.
/// </summary>
public sealed partial class FormSession : IDisposable
{
    private readonly HttpClient _client;

    public FormSession(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _client;

    /// <summary>The sign-in cookie's value, to be replayed by someone who kept it.</summary>
    public string? AuthCookie => Cookies.GetAllCookies().FirstOrDefault(c => c.Name == "esgtrace.auth")?.Value;

    /// <summary>Posts the sign-in form; true when it signed in (a redirect with the auth cookie), else the page's error text.</summary>
    public async Task<(bool SignedIn, string Message, HttpStatusCode Status)> SignInAsync(string username, string password)
    {
        using var response = await PostFormAsync("/account/login", "sign-in", new() { ["Input.Username"] = username, ["Input.Password"] = password });
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode == HttpStatusCode.Redirect && AuthCookie is not null, ErrorText(body, "sign-in-error"), response.StatusCode);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, string? handler, Dictionary<string, string> fields)
    {
        var token = await TokenAsync(path == "/account/logout" || path == "/account/logout-everywhere" ? "/account/password" : path);
        fields["__RequestVerificationToken"] = token;
        if (handler is not null)
        {
            fields["_handler"] = handler;
        }

        return await _client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public async Task<string> TokenAsync(string page)
    {
        var html = await _client.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{page} has no anti-forgery token.");
    }

    public static string ErrorText(string html, string testId)
        => Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>([^<]*)<") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value).Trim() : string.Empty;

    /// <summary>A plain client that sends only the given sign-in cookie (an attacker who kept it).</summary>
    public static HttpClient Replaying(Uri baseAddress, string cookie)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Add("Cookie", "esgtrace.auth=" + cookie);
        return client;
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
