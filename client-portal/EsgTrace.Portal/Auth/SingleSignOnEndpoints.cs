using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EsgTrace.Portal.Auth;

/// <summary>The two portal endpoints of single sign-on.</summary>
public static class SingleSignOnEndpoints
{
    /// <summary>Sends the browser to the provider; afterwards it comes back to <paramref name="returnUrl"/>, a path on this portal.</summary>
    public static Results<ChallengeHttpResult, ProblemHttpResult> Challenge(string? returnUrl)
    {
        if (!string.IsNullOrEmpty(returnUrl) && !LocalUrls.IsLocal(returnUrl))
        {
            return TypedResults.Problem("The return address must be a path on this portal, such as /claims.", statusCode: StatusCodes.Status400BadRequest, title: "Return address refused.");
        }

        var complete = "/account/sso/complete?returnUrl=" + Uri.EscapeDataString(string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl);
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = complete }, [SingleSignOnOptions.Scheme]);
    }

    /// <summary>
    /// The landing page after the provider: a same-site page that moves on to the return address by itself. The sign-in
    /// cookie is SameSite=Strict, and a redirect chain started at the provider (another site) would not send it on its
    /// last hop, so the user would arrive looking signed out; a navigation this page starts is same-site and does.
    /// </summary>
    public static ContentHttpResult Complete(string? returnUrl)
    {
        var target = WebUtility.HtmlEncode(!string.IsNullOrEmpty(returnUrl) && LocalUrls.IsLocal(returnUrl) ? returnUrl : "/");
        return TypedResults.Content($"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={target}"><title>Signed in · EsgTrace</title></head>
            <body><main><h1>Signed in</h1><p><a href="{target}">Continue to EsgTrace</a></p></main></body></html>
            """, "text/html; charset=utf-8");
    }
}
