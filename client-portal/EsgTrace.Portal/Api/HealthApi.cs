using EsgTrace.Health;

namespace EsgTrace.Portal.Api;

/// <summary>GET /health: 200 when a silo answers and its storage reads; 503 with what failed otherwise.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IGrainFactory grains, CancellationToken cancellationToken) =>
        {
            try
            {
                var result = await grains.GetGrain<IHealthProbeGrain>(0).Probe().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                var body = new HealthResponse(result.Healthy ? "healthy" : "unhealthy", result.SiloAddress, result.Checks);
                return Results.Json(body, statusCode: result.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException or SiloUnavailableException)
            {
                return Results.Json(new HealthResponse("unhealthy", null, new Dictionary<string, string> { ["silo"] = ex.Message }), statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        })
        .AllowAnonymous().WithName("Health").WithSummary("Liveness of the silo and its storage.").WithTags("Operations");
        return app;
    }
}

/// <summary>What /health reports.</summary>
public sealed record HealthResponse(string Status, string? Silo, IReadOnlyDictionary<string, string> Checks);
