namespace EsgTrace.Portal.Tests.SingleSignOn;

/// <summary>An HTTP client with one cookie jar for every host that never follows redirects, so a test walks each hop itself.</summary>
public sealed class CookieBrowser : IDisposable
{
    private readonly HttpClient _client = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new System.Net.CookieContainer() });

    public Task<HttpResponseMessage> GetAsync(Uri uri) => _client.GetAsync(uri);

    public Task<HttpResponseMessage> PostFormAsync(Uri uri, Dictionary<string, string> form) => _client.PostAsync(uri, new FormUrlEncodedContent(form));

    public void Dispose() => _client.Dispose();
}
