using System.Security.Claims;
using EsgTrace.Domain;
using EsgTrace.GreenIt;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using static EsgTrace.Portal.Api.ProblemResults;

namespace EsgTrace.Portal.Api;

/// <summary>Green IT: IT (the CIO's team) records workloads, usage, actions and the target; IT and audit read the figures.</summary>
public static class GreenItApi
{
    public static IEndpointRouteBuilder MapGreenItApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/green-it").RequireAuthorization(Policies.GreenIt).WithTags("Green IT");
        var write = app.MapGroup("/api/green-it").RequireAuthorization(Policies.GreenItWrite).WithTags("Green IT");

        read.MapGet("/regions", (string? provider) => TypedResults.Ok(GridIntensities.Regions((provider ?? "aws").ToLowerInvariant()).Select(r => new { r.Region, kgCo2ePerKwh = r.KgPerKwh, dataset = GridIntensities.Dataset })))
            .WithName("ListGridRegions").WithSummary("Cloud regions with their location-based grid intensity (kg CO2e/kWh) from the CCF constants.");
        write.MapPut("/workloads/{id}", (string id, WorkloadDefinition body, ClaimsPrincipal user, GreenItService s) => Reply(s.DefineWorkloadAsync(id, body, user.Actor())))
            .WithName("DefineWorkload").WithSummary("Define a workload (owner, provider, region or country site, functional unit, allowed regions, hardware share).");
        read.MapGet("/workloads", (string? after, int? pageSize, GreenItService s) => s.ListWorkloadsAsync(after, pageSize ?? 100)).WithName("ListWorkloads");
        read.MapGet("/workloads/{id}", (string id, GreenItService s) => Found(s.GetWorkloadAsync(id), "workload", id)).WithName("GetWorkload");
        read.MapGet("/workloads/{id}/emissions", (string id, string? grid, GreenItService s) => Reply(s.WorkloadEmissionsAsync(id, grid)))
            .WithName("GetWorkloadEmissions").WithSummary("Each usage record's energy and emissions with every term's arithmetic, the grid source and the method.");
        read.MapGet("/workloads/{id}/advice", async (string id, string? from, string? to, string? dataset, GreenItService s, IClock clock) =>
                Period(from, to, clock) is { } p ? Reply(await s.AdviceAsync(id, p.From, p.To, dataset)) : BadPeriod())
            .WithName("GetCarbonAdvice").WithSummary("Which allowed region and hours of the day would have had the lowest intensity, and the estimated saving.");

        write.MapPost("/usage", ImportUsage).WithName("ImportUsage").Accepts<UsageImportRequest>("application/json", "text/csv")
            .WithSummary("Import usage as text/csv (see docs/green-it.md for the columns) or JSON {rows:[...]}; all or nothing: any bad row refuses the whole file with every error.")
            .WithMetadata(new RequestSizeLimitAttribute(GreenItService.MaxImportBytes));
        write.MapPost("/billing", ImportBilling).WithName("ImportBillingExport").Accepts<string>("text/csv")
            .WithSummary("Import a FinOps FOCUS 1.x cost-and-usage export (AWS, Azure, Google Cloud) as text/csv, mapped to workloads by the billing rules (docs/focus-billing.md); malformed lines refuse the file, unmapped lines are reported with their cost.")
            .WithMetadata(new RequestSizeLimitAttribute(GreenItService.MaxImportBytes));
        write.MapPut("/billing-rules", (BillingRulesRequest body, ClaimsPrincipal user, GreenItService s) => Reply(s.SetBillingRulesAsync(body.Rules, user.Actor())))
            .WithName("SetBillingRules").WithSummary("Set the rules that map FOCUS billing lines to workloads (a new immutable version; imports name the version they used).");
        read.MapGet("/billing-rules", async (int? version, GreenItService s) => await s.BillingRulesAsync(version) is { } r
            ? (Results<Ok<BillingRuleSet>, ProblemHttpResult>)TypedResults.Ok(r)
            : new DomainProblem(ProblemKind.NotFound, "No billing rules.", version is null ? "No billing mapping rules are set yet." : $"There is no version {version} of the billing rules.").ToProblem())
            .WithName("GetBillingRules");
        write.MapPost("/grid-datasets", ImportGridDataset).WithName("ImportGridDataset").Accepts<string>("text/csv")
            .WithSummary("Import a yearly grid intensity dataset as text/csv provider,region,year,kg_co2e_per_kwh with ?id=&version=&source=&licence= (immutable per version); each usage period then uses its own year's factor.");
        read.MapGet("/grid-datasets", (GreenItService s) => s.GridDatasetsAsync()).WithName("ListGridDatasets");
        read.MapGet("/grid-datasets/{reference}", async (string reference, GreenItService s) => await s.GridDatasetAsync(reference) is { } d
            ? (Results<Ok<YearlyGridDataset>, ProblemHttpResult>)TypedResults.Ok(d)
            : new DomainProblem(ProblemKind.NotFound, "No such grid dataset.", $"There is no yearly grid intensity dataset '{reference}'.").ToProblem()).WithName("GetGridDataset");
        write.MapPost("/provider-emissions", ImportProviderEmissions).WithName("ImportProviderEmissions").Accepts<string>("text/csv")
            .WithSummary("Import a provider's own carbon export (?provider=aws|azure|gcp; AWS CCFT data export, Azure carbon optimization report, Google Cloud Carbon Footprint export) as a separate series.");
        read.MapGet("/provider-emissions", async (string? from, string? to, string? grid, GreenItService s, IClock clock) =>
                Period(from, to, clock) is { } p ? Reply(await s.CompareProviderEmissionsAsync(p.From, p.To, grid)) : BadPeriod())
            .WithName("CompareProviderEmissions").WithSummary("Per provider and month: the provider-reported totals by basis beside our estimate (a separate series, never summed).");
        read.MapGet("/imports/{id}", (string id, GreenItService s) => Found(s.ImportStatusAsync(id), "import", id)).WithName("GetUsageImport").WithSummary("An import's phase and progress (rows applied of all rows).");

        write.MapPut("/actions/{id}", (string id, GreenItAction body, ClaimsPrincipal user, GreenItService s) => Reply(s.RecordActionAsync(id, body, user.Actor())))
            .WithName("RecordGreenItAction").WithSummary("Record (or correct) a green-IT action: kind, effective date, workloads, optional estimated reduction.");
        read.MapGet("/actions", (string? after, int? pageSize, GreenItService s) => s.ListActionsAsync(after, pageSize ?? 100)).WithName("ListGreenItActions");
        write.MapPut("/target", (GreenItTarget body, ClaimsPrincipal user, GreenItService s) => Reply(s.SetTargetAsync(body, user.Actor()))).WithName("SetGreenItTarget");
        read.MapGet("/target", async (GreenItService s) => await s.TargetAsync() is { } t
            ? (Results<Ok<GreenItTarget>, ProblemHttpResult>)TypedResults.Ok(t)
            : new DomainProblem(ProblemKind.NotFound, "No target.", "No green-IT target is set yet.").ToProblem()).WithName("GetGreenItTarget");

        read.MapGet("/hourly-datasets", (GreenItService s) => s.HourlyDatasetsAsync()).WithName("ListHourlyDatasets");
        write.MapPost("/hourly-datasets", ImportHourly).WithName("ImportHourlyDataset").Accepts<string>("text/csv")
            .WithSummary("Import an hourly intensity dataset as text/csv region,hour_utc,kg_co2e_per_kwh with ?id=&version=&source= (immutable per version).");

        read.MapGet("/dashboard", async (string? from, string? to, string? dataset, GreenItService s, IClock clock) =>
                Period(from, to, clock) is { } p ? Reply(await s.DashboardAsync(p.From, p.To, dataset)) : BadPeriod())
            .WithName("GetGreenItDashboard").WithSummary("Emissions over time by workload, provider and region; savings by action; target progress; top opportunities; method.");
        read.MapGet("/report.pdf", Report).WithName("GetGreenItReport").WithSummary("The signed green-IT report PDF for a period (figures attached as JSON).");
        return app;
    }

    private static async Task<Results<Created<UsageImportStatus>, Accepted<UsageImportStatus>, ProblemHttpResult>> ImportUsage(HttpRequest request, ClaimsPrincipal user, GreenItService s, CancellationToken cancellationToken)
    {
        if (request.ContentLength > GreenItService.MaxImportBytes)
        {
            return ProblemResults.Invalid("file", $"The file is larger than {GreenItService.MaxImportBytes:N0} bytes. Split it by period.");
        }

        if (request.HasJsonContentType())
        {
            UsageImportRequest? json;
            try
            {
                json = await request.ReadFromJsonAsync<UsageImportRequest>(cancellationToken);
            }
            catch (System.Text.Json.JsonException ex)
            {
                return ProblemResults.Invalid("body", $"The body is not valid JSON for {{rows:[...]}}: {ex.Message}");
            }

            if (json?.Rows is not { Count: > 0 } rows)
            {
                return ProblemResults.Invalid("rows", "Send at least one usage row in 'rows'.");
            }

            return ImportReply(await s.ImportUsageAsync(GreenItService.ToCsv(rows), user.Actor(), GreenItService.ImportWait, cancellationToken));
        }

        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem("Send text/csv or application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");
        }

        return ImportReply(await s.ImportAsync(request.Body, UsageImportFormats.UsageCsv, user.Actor(), GreenItService.ImportWait, cancellationToken));
    }

    private static async Task<Results<Created<UsageImportStatus>, Accepted<UsageImportStatus>, ProblemHttpResult>> ImportBilling(HttpRequest request, ClaimsPrincipal user, GreenItService s, CancellationToken cancellationToken)
    {
        if (request.ContentLength > GreenItService.MaxImportBytes)
        {
            return ProblemResults.Invalid("file", $"The file is larger than {GreenItService.MaxImportBytes:N0} bytes. Split it by period.");
        }

        if (request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) != true)
        {
            return TypedResults.Problem("Send the FOCUS export as text/csv.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");
        }

        return ImportReply(await s.ImportAsync(request.Body, UsageImportFormats.Focus, user.Actor(), GreenItService.ImportWait, cancellationToken));
    }

    private static Results<Created<UsageImportStatus>, Accepted<UsageImportStatus>, ProblemHttpResult> ImportReply(Outcome<UsageImportStatus> outcome)
    {
        if (!outcome.IsOk)
        {
            return outcome.Problem!.ToProblem();
        }

        var status = outcome.Value!;
        var location = $"/api/green-it/imports/{status.Id}";
        return status.Phase switch
        {
            UsageImportPhase.Rejected => TypedResults.Problem(
                $"{status.ErrorCount} problem(s) in {status.Rows} row(s); nothing was imported. Fix the rows listed and send the whole file again.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "The usage file has errors.",
                extensions: new Dictionary<string, object?> { ["rowErrors"] = status.Errors, ["errorCount"] = status.ErrorCount, ["rows"] = status.Rows }),
            UsageImportPhase.Applied => TypedResults.Created(location, status),
            _ => TypedResults.Accepted(location, status),
        };
    }

    private static async Task<Results<Ok<string>, ProblemHttpResult>> ImportGridDataset(HttpRequest request, string? id, string? version, string? title, string? source, string? licence, ClaimsPrincipal user, GreenItService s)
    {
        using var reader = new StreamReader(request.Body);
        return Reply(await s.ImportGridDatasetAsync(id ?? string.Empty, version ?? string.Empty, title, source ?? string.Empty, licence, new StringReader(await reader.ReadToEndAsync()), user.Actor()));
    }

    private static async Task<Results<Ok<int>, ProblemHttpResult>> ImportProviderEmissions(HttpRequest request, string? provider, ClaimsPrincipal user, GreenItService s)
    {
        using var reader = new StreamReader(request.Body);
        return Reply(await s.ImportProviderEmissionsAsync((provider ?? string.Empty).Trim().ToLowerInvariant(), new StringReader(await reader.ReadToEndAsync()), user.Actor()));
    }

    private static async Task<Results<Ok<string>, ProblemHttpResult>> ImportHourly(HttpRequest request, string? id, string? version, string? title, string? source, string? licence, ClaimsPrincipal user, GreenItService s)
    {
        using var reader = new StreamReader(request.Body);
        var csv = await reader.ReadToEndAsync();
        return Reply(await s.ImportHourlyAsync(id ?? string.Empty, version ?? string.Empty, title, source ?? string.Empty, licence, csv, user.Actor()));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Report(string? from, string? to, string? dataset, GreenItService s, IClock clock)
    {
        if (Period(from, to, clock) is not { } p)
        {
            return BadPeriod();
        }

        var pdf = await s.ReportAsync(p.From, p.To, dataset);
        return pdf.IsOk
            ? TypedResults.File(pdf.Value!, "application/pdf", $"green-it-report-{p.From:yyyy-MM-dd}-{p.To:yyyy-MM-dd}.pdf")
            : pdf.Problem!.ToProblem();
    }

    private static (LocalDate From, LocalDate To)? Period(string? from, string? to, IClock clock) => GreenItService.Period(from, to, clock.GetCurrentInstant().InUtc().Date);

    private static ProblemHttpResult BadPeriod() => ProblemResults.Invalid("from", "'from' and 'to' are dates of the form yyyy-MM-dd.");
}

/// <summary>Body of PUT /api/green-it/billing-rules.</summary>
public sealed record BillingRulesRequest(IReadOnlyList<BillingRule>? Rules);
