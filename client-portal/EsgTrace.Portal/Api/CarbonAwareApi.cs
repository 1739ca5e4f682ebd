using System.Globalization;
using System.Security.Claims;
using EsgTrace.Domain;
using EsgTrace.GreenIt;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace EsgTrace.Portal.Api;

/// <summary>
/// The Green Software Foundation Carbon Aware SDK's Web API shape (/emissions/bylocations, /emissions/bylocations/best,
/// /emissions/forecasts/current) under /api/carbon-aware, over the imported intensity datasets, and their import. Ratings
/// and values are g CO2e/kWh, as in the SDK (our datasets hold kg CO2e/kWh; × 1000); locations are provider:region.
/// </summary>
public static class CarbonAwareApi
{
    public static IEndpointRouteBuilder MapCarbonAwareApi(this IEndpointRouteBuilder app)
    {
        var sdk = app.MapGroup("/api/carbon-aware/emissions").RequireAuthorization(Policies.GreenIt).WithTags("Carbon Aware");
        sdk.MapGet("/bylocations", ByLocations).WithName("GetEmissionsDataForLocationsByTime")
            .WithSummary("Measured intensity of the locations (provider:region) over [time, toTime]: [{location, time, rating (g CO2e/kWh), duration}]; 204 when none.");
        sdk.MapGet("/bylocations/best", Best).WithName("GetBestEmissionsDataForLocationsByTime")
            .WithSummary("The lowest measured intensity point(s) of the locations over [time, toTime], g CO2e/kWh; 204 when none.");
        sdk.MapGet("/forecasts/current", CurrentForecast).WithName("GetCurrentForecastData")
            .WithSummary("Each location's newest forecast scoped to [dataStartAt, dataEndAt], averaged over windowSize minutes, with its optimal window(s); g CO2e/kWh.");

        var read = app.MapGroup("/api/green-it").RequireAuthorization(Policies.GreenIt).WithTags("Green IT");
        var write = app.MapGroup("/api/green-it").RequireAuthorization(Policies.GreenItWrite).WithTags("Green IT");
        read.MapGet("/intensity-datasets", (CarbonAwareService s) => s.DatasetsAsync()).WithName("ListIntensityDatasets")
            .WithSummary("Imported measured/forecast intensity datasets: reference, source, locations, point counts and time range.");
        write.MapPost("/intensity-datasets", Import).WithName("ImportIntensityDataset").Accepts<string>("text/csv")
            .WithSummary("Import text/csv region,start,end,kg_co2e_per_kwh,kind (measured|forecast) with ?id=&version=&source=[&generatedAt=&title=&licence=]; immutable per version, all or nothing.")
            .WithMetadata(new RequestSizeLimitAttribute(CarbonAwareService.MaxImportBytes));
        read.MapGet("/workloads/{id}/forecast-advice", Advice).WithName("GetForwardCarbonAdvice")
            .WithSummary("The best window in the current forecasts for a job of the workload (windowSize minutes, energyKwh or the workload's own mean), with the expected saving in kg CO2e.");
        return app;
    }

    private static Task<Results<Ok<IReadOnlyList<EmissionsDataDto>>, NoContent, ProblemHttpResult>> ByLocations(
        [FromQuery(Name = "location")] string[]? location, string? time, string? toTime, CarbonAwareService s)
        => Emissions(location, time, toTime, best: false, s);

    private static Task<Results<Ok<IReadOnlyList<EmissionsDataDto>>, NoContent, ProblemHttpResult>> Best(
        [FromQuery(Name = "location")] string[]? location, string? time, string? toTime, CarbonAwareService s)
        => Emissions(location, time, toTime, best: true, s);

    private static async Task<Results<Ok<IReadOnlyList<EmissionsDataDto>>, NoContent, ProblemHttpResult>> Emissions(string[]? location, string? time, string? toTime, bool best, CarbonAwareService s)
    {
        var errors = new Dictionary<string, string[]>();
        var start = Time(time, "time", errors);
        var end = Time(toTime, "toTime", errors);
        if (errors.Count > 0)
        {
            return DomainProblem.Invalid(errors).ToProblem();
        }

        var outcome = await s.ByLocationsAsync(location ?? [], start, end, best);
        if (!outcome.IsOk)
        {
            return outcome.Problem!.ToProblem();
        }

        return outcome.Value!.Count == 0 ? TypedResults.NoContent() : TypedResults.Ok<IReadOnlyList<EmissionsDataDto>>(outcome.Value!.Select(EmissionsDataDto.From).ToList());
    }

    private static async Task<Results<Ok<IReadOnlyList<EmissionsForecastDto>>, ProblemHttpResult>> CurrentForecast(
        [FromQuery(Name = "location")] string[]? location, string? dataStartAt, string? dataEndAt, string? windowSize, CarbonAwareService s)
    {
        var errors = new Dictionary<string, string[]>();
        var start = Time(dataStartAt, "dataStartAt", errors);
        var end = Time(dataEndAt, "dataEndAt", errors);
        int? window = null;
        if (!string.IsNullOrWhiteSpace(windowSize))
        {
            if (int.TryParse(windowSize, NumberStyles.None, CultureInfo.InvariantCulture, out var w))
            {
                window = w;
            }
            else
            {
                errors["windowSize"] = [$"windowSize '{windowSize}' is not a whole number of minutes."];
            }
        }

        if (errors.Count > 0)
        {
            return DomainProblem.Invalid(errors).ToProblem();
        }

        var outcome = await s.CurrentForecastsAsync(location ?? [], start, end, window);
        return outcome.IsOk ? TypedResults.Ok<IReadOnlyList<EmissionsForecastDto>>(outcome.Value!.Select(EmissionsForecastDto.From).ToList()) : outcome.Problem!.ToProblem();
    }

    private static async Task<Results<Ok<IntensitySeriesSummary>, ProblemHttpResult>> Import(
        HttpRequest request, string? id, string? version, string? title, string? source, string? licence, string? generatedAt, ClaimsPrincipal user, CarbonAwareService s)
    {
        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem("Send the dataset as text/csv with the header region,start,end,kg_co2e_per_kwh,kind.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");
        }

        using var reader = new StreamReader(request.Body);
        var csv = await reader.ReadToEndAsync();
        return ProblemResults.Reply(await s.ImportAsync(id, version, title, source, licence, generatedAt, csv, user.Actor()));
    }

    private static async Task<Results<Ok<ForwardAdvice>, ProblemHttpResult>> Advice(string id, string? windowSize, string? energyKwh, CarbonAwareService s)
    {
        var window = ForwardCarbonAdvisor.DefaultWindowMinutes;
        if (!string.IsNullOrWhiteSpace(windowSize) && !int.TryParse(windowSize, NumberStyles.None, CultureInfo.InvariantCulture, out window))
        {
            return ProblemResults.Invalid("windowSize", $"windowSize '{windowSize}' is not a whole number of minutes.");
        }

        decimal? energy = null;
        if (!string.IsNullOrWhiteSpace(energyKwh))
        {
            if (!decimal.TryParse(energyKwh, NumberStyles.Float, CultureInfo.InvariantCulture, out var e))
            {
                return ProblemResults.Invalid("energyKwh", $"energyKwh '{energyKwh}' is not a number of kWh (use '.' for decimals).");
            }

            energy = e;
        }

        return ProblemResults.Reply(await s.ForwardAdviceAsync(id, window, energy));
    }

    private static Instant? Time(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (CarbonAwareTime.Parse(text) is { } at)
        {
            return at;
        }

        errors[field] = [$"{field} '{text}' is not an ISO 8601 time with an offset (2026-12-01T10:00:00Z) or a date (2026-12-01)."];
        return null;
    }
}

/// <summary>The SDK's EmissionsData as its Web API writes it: location, time, rating (g CO2e/kWh), duration (hh:mm:ss); plus the dataset it came from.</summary>
public sealed record EmissionsDataDto(string Location, DateTimeOffset Time, decimal Rating, TimeSpan Duration, string Dataset)
{
    public static EmissionsDataDto From(EmissionsData d) => new(d.Location, d.Time.ToDateTimeOffset(), d.Rating, TimeSpan.FromMinutes(d.DurationMinutes), d.Dataset);
}

/// <summary>The SDK's EmissionsDataDTO inside a forecast: location, timestamp, duration (minutes), value (g CO2e/kWh).</summary>
public sealed record EmissionsDataPointDto(string Location, DateTimeOffset Timestamp, int Duration, decimal Value)
{
    public static EmissionsDataPointDto From(EmissionsData d) => new(d.Location, d.Time.ToDateTimeOffset(), d.DurationMinutes, d.Rating);
}

/// <summary>The SDK's EmissionsForecastDTO, plus the dataset the forecast came from.</summary>
public sealed record EmissionsForecastDto(
    DateTimeOffset GeneratedAt, DateTimeOffset RequestedAt, string Location, DateTimeOffset DataStartAt, DateTimeOffset DataEndAt, int WindowSize,
    IReadOnlyList<EmissionsDataPointDto> OptimalDataPoints, IReadOnlyList<EmissionsDataPointDto> ForecastData, string Dataset)
{
    public static EmissionsForecastDto From(EmissionsForecast f) => new(
        f.GeneratedAt.ToDateTimeOffset(), f.RequestedAt.ToDateTimeOffset(), f.Location, f.DataStartAt.ToDateTimeOffset(), f.DataEndAt.ToDateTimeOffset(), f.WindowSize,
        f.OptimalDataPoints.Select(EmissionsDataPointDto.From).ToList(), f.ForecastData.Select(EmissionsDataPointDto.From).ToList(), f.Dataset);
}
