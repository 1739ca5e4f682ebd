namespace EsgTrace.Testing;

/// <summary>HTTP clients of a running portal, authenticated by API key.</summary>
public static class ApiClients
{
    public static HttpClient For(Uri portal, string apiKey, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = portal, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }
}
