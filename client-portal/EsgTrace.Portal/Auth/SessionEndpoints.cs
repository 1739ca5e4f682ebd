using EsgTrace.Portal.Services;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using EsgTrace.Portal.Api;

namespace EsgTrace.Portal.Auth;

/// <summary>The form posts that end sessions: sign out here, and sign out everywhere.</summary>
public static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (HttpContext context, AccountService accounts) =>
        {
            if (Refused(context) is { } refusal)
            {
                return refusal;
            }

            if (context.User.Identity?.IsAuthenticated == true)
            {
                await accounts.SignOutAsync(context.User);
            }

            await context.SignOutAsync(AuthSchemes.Cookie);
            return Results.LocalRedirect("/account/login");
        }).WithName("SignOut").ExcludeFromDescription().WithMetadata(new RequireAntiforgeryTokenAttribute());

        // Changes the account's security stamp: every session of it, on every device, ends at its next request.
        app.MapPost("/account/logout-everywhere", async (HttpContext context, AccountService accounts) =>
        {
            if (Refused(context) is { } refusal)
            {
                return refusal;
            }

            if (context.User.IsLocalAccount())
            {
                var outcome = await accounts.EndSessionsAsync(context.User.Actor(), context.User.Actor());
                if (!outcome.IsOk)
                {
                    return outcome.Problem!.ToProblem();
                }
            }

            await context.SignOutAsync(AuthSchemes.Cookie);
            return Results.LocalRedirect("/account/login");
        }).WithName("SignOutEverywhere").ExcludeFromDescription().RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    // A bare POST endpoint reads no form, so the anti-forgery verdict (from UseAntiforgery) is checked here: no
    // cross-site sign-outs.
    private static IResult? Refused(HttpContext context)
        => context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            ? Results.Problem("The form did not come from this portal (missing or invalid anti-forgery token).", statusCode: StatusCodes.Status400BadRequest, title: "Form refused.")
            : null;
}
