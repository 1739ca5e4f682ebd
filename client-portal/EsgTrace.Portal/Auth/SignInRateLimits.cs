using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace EsgTrace.Portal.Auth;

/// <summary>
/// Per-address limits on the requests that check a secret: the sign-in form, the password change form, the PACT
/// token endpoint and supplier invitation redemption (form and API) (section <c>Auth:SignIn</c>). Beyond the limit the answer is 429 with Retry-After, before any password
/// is hashed. Account lockout (<see cref="EsgTrace.Accounts.SignInLockout"/>) guards each name; this guards the server
/// and slows guessing across many names.
/// </summary>
public static class SignInRateLimits
{
    public const string Section = "Auth:SignIn";

    private static readonly string[] GuardedPosts = ["/account/login", "/account/password", "/auth/token", "/account/invitation", "/api/supplier-invitations/redeem"];

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services)
    {
        services.AddOptions<SignInLimitOptions>().BindConfiguration(Section)
            .Validate(o => o.PermitsPerMinute >= 1, $"{Section}:PermitsPerMinute must be at least 1.")
            .ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsGuarded(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Permits(context), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true })
                : RateLimitPartition.GetNoLimiter("unguarded"));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(RejectAsync(context));
        });
        return services;
    }

    private static int Permits(HttpContext context)
        => context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SignInLimitOptions>>().Value.PermitsPerMinute;

    public static bool IsGuarded(HttpRequest request)
        => HttpMethods.IsPost(request.Method) && GuardedPosts.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));

    private static Task RejectAsync(OnRejectedContext context)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Too many sign-in attempts from your address. Try again in {seconds} seconds.";
        if (context.HttpContext.Request.Path.StartsWithSegments("/auth"))
        {
            return ProblemWriter.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests.", detail);
        }

        // The sign-in and password forms are pages: answer with a readable page, not JSON.
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many attempts · EsgTrace</title></head><body><main><h1>Too many attempts</h1><p role=\"alert\">{detail}</p><p><a href=\"/account/login\">Back to sign-in</a></p></main></body></html>");
    }
}
