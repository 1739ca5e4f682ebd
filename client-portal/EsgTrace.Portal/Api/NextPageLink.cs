namespace EsgTrace.Portal.Api;

/// <summary>
/// The REST binding's paging headers on a page that has a next one: <c>Link: &lt;…&gt;; rel="next"</c> (the request's own
/// path and parameters, its nextPageToken replaced) and <c>GS1-Next-Page-Token</c>.
/// </summary>
internal static class NextPageLink
{
    public static void Add(HttpContext http, string token)
    {
        var parameters = http.Request.Query.Where(q => q.Key != "nextPageToken")
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? string.Empty)}"))
            .Append("nextPageToken=" + Uri.EscapeDataString(token));
        http.Response.Headers.Link = $"<{http.Request.Path}?{string.Join('&', parameters)}>; rel=\"next\"";
        http.Response.Headers["GS1-Next-Page-Token"] = token;
    }
}
