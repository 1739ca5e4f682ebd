using EsgTrace.Portal.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EsgTrace.Portal.Api;

/// <summary>
/// GET /health for load balancers (anonymous, the status only) and GET /health/ready (each check with its findings for
/// the operations roles, the status only for anyone else). Both run every registered health check: 200 when healthy
/// or degraded, 503 when unhealthy.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth)
            .AllowAnonymous()
            .WithName("Health")
            .WithSummary("Health for load balancers: the status only (200 healthy, 503 unhealthy).")
            .WithTags("Operations");
        app.MapGet("/health/ready", GetReadiness)
            .AllowAnonymous()
            .WithName("HealthReady")
            .WithSummary("Readiness with each check's findings (storage round trip, data disk) for the it and admin roles; the status only for others.")
            .WithTags("Operations");
        return app;
    }

    private static async Task<JsonHttpResult<HealthAnswer>> GetHealth(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        return TypedResults.Json(new HealthAnswer(Word(report.Status)), statusCode: StatusCode(report.Status));
    }

    private static async Task<IResult> GetReadiness(HealthCheckService health, HttpContext context, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        if (!(await authorization.AuthorizeAsync(context.User, Policies.Operations)).Succeeded)
        {
            return TypedResults.Json(new HealthAnswer(Word(report.Status)), statusCode: StatusCode(report.Status));
        }

        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new HealthCheckFinding(Word(e.Value.Status), e.Value.Description ?? e.Value.Exception?.Message, Math.Round(e.Value.Duration.TotalMilliseconds, 1), e.Value.Data));
        return TypedResults.Json(new ReadinessReport(Word(report.Status), Math.Round(report.TotalDuration.TotalMilliseconds, 1), checks), statusCode: StatusCode(report.Status));
    }

    private static int StatusCode(HealthStatus status)
        => status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;

    private static string Word(HealthStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>What /health (and /health/ready for most roles) says: healthy, degraded or unhealthy.</summary>
public sealed record HealthAnswer(string Status);

/// <summary>What /health/ready tells the operations roles: the overall status and each check's findings.</summary>
public sealed record ReadinessReport(string Status, double DurationMs, IReadOnlyDictionary<string, HealthCheckFinding> Checks);

/// <summary>One health check: its status, what it found, how long it took and its figures.</summary>
public sealed record HealthCheckFinding(string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, object> Data);
