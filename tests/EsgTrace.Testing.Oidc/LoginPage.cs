using System.Net;

namespace EsgTrace.Testing.Oidc;

/// <summary>The test provider's own sign-in form: plain, labelled HTML (the browser tests check every page for accessibility).</summary>
internal static class LoginPage
{
    public static string Render(string? returnUrl, string? error) => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Test identity provider</title></head>
        <body>
        <main>
        <h1>Test identity provider</h1>
        {(error is null ? string.Empty : $"<p role=\"alert\" id=\"provider-error\">{WebUtility.HtmlEncode(error)}</p>")}
        <form method="post" action="/login">
          <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? string.Empty)}">
          <p><label for="provider-username">Username</label> <input id="provider-username" name="username" autocomplete="username"></p>
          <p><label for="provider-password">Password</label> <input id="provider-password" name="password" type="password" autocomplete="current-password"></p>
          <p><button type="submit" id="provider-sign-in">Sign in</button></p>
        </form>
        </main>
        </body>
        </html>
        """;
}
