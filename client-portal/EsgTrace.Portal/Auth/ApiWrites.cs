namespace EsgTrace.Portal.Auth;

/// <summary>
/// State-changing API calls (POST, PUT, PATCH, DELETE on an API path) authenticate by API key or PACT bearer token only,
/// never by the portal's sign-in cookie. No page of the portal calls the JSON API with the cookie (pages reach the grains
/// through their services; their links to the API are downloads, GETs), so refusing the cookie there costs nothing and
/// makes cross-site request forgery impossible: a form on another site (even another port of this host, which is the
/// same site, so a SameSite=Strict cookie goes along) can send the cookie, but never a key or a token.
/// </summary>
public static class ApiWrites
{
    /// <summary>Whether the request is an API call that may change state, for which the cookie is not read.</summary>
    public static bool RefuseCookie(HttpRequest request)
        => !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
           && AuthExtensions.IsApi(request);

    /// <summary>What a caller that sent only the cookie is told.</summary>
    public const string CookieRefused = "State-changing API calls do not accept the portal's sign-in cookie (so no other site can make a signed-in browser send them); send an API key in the X-Api-Key header.";
}
