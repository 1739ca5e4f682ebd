using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using EsgTrace.Scorecard;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace EsgTrace.Portal.Api;

/// <summary>The scorecard marketing (CMO) and IT (CIO) share: its figures, their lineage, and the signed PDF.</summary>
public static class ScorecardApi
{
    public static IEndpointRouteBuilder MapScorecardApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/scorecard").RequireAuthorization(Policies.Scorecard).WithTags("Scorecard");
        // Mapped outside the group: a group's empty pattern would read "/api/scorecard/".
        app.MapGet("/api/scorecard", Get).RequireAuthorization(Policies.Scorecard).WithTags("Scorecard")
            .WithName("GetScorecard").WithSummary("Claims published, at risk and expiring; time from draft to publication; product footprints over time; IT emissions against the target; green-IT savings in kg CO2e and money (cost, payback). Each figure names its lineage address. ?from=&to= set the green-IT period (default: the twelve months to today).");
        read.MapGet("/report.pdf", Report)
            .WithName("GetScorecardReport").WithSummary("The scorecard as a signed PDF (CMS, SHA-256), its figures attached as scorecard.json.");
        read.MapGet("/lineage/it-emissions", ItLineage)
            .WithName("GetScorecardItLineage").WithSummary("The lineage of the scorecard's IT figures: every usage record's emissions with each term's arithmetic, the workloads, the target progress and the method.");
        read.MapGet("/lineage/actions/{id}", ActionLineage)
            .WithName("GetScorecardActionLineage").WithSummary("A green-IT action's saving (before and after figures per workload) and its money: one-off cost, saving per month, payback.");
        return app;
    }

    private static async Task<Results<Ok<EsgTrace.Scorecard.Scorecard>, ProblemHttpResult>> Get(string? from, string? to, ScorecardService s, IClock clock)
        => Period(from, to, clock) is { } p ? ProblemResults.Reply(await s.BuildAsync(p.From, p.To)) : BadPeriod();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Report(string? from, string? to, ScorecardService s, IClock clock)
    {
        if (Period(from, to, clock) is not { } p)
        {
            return BadPeriod();
        }

        var pdf = await s.ReportAsync(p.From, p.To);
        return pdf.IsOk ? TypedResults.File(pdf.Value!, "application/pdf", $"scorecard-{p.From:yyyy-MM-dd}-{p.To:yyyy-MM-dd}.pdf") : pdf.Problem!.ToProblem();
    }

    private static async Task<Results<Ok<ItEmissionsLineage>, ProblemHttpResult>> ItLineage(string? from, string? to, ScorecardService s, IClock clock)
        => Period(from, to, clock) is { } p ? ProblemResults.Reply(await s.ItEmissionsLineageAsync(p.From, p.To)) : BadPeriod();

    private static async Task<Results<Ok<ActionMoney>, ProblemHttpResult>> ActionLineage(string id, string? from, string? to, ScorecardService s, IClock clock)
        => Period(from, to, clock) is { } p ? ProblemResults.Reply(await s.ActionLineageAsync(id, p.From, p.To)) : BadPeriod();

    private static (LocalDate From, LocalDate To)? Period(string? from, string? to, IClock clock) => GreenItService.Period(from, to, clock.GetCurrentInstant().InUtc().Date);

    private static ProblemHttpResult BadPeriod() => ProblemResults.Invalid("from", "'from' and 'to' are dates of the form yyyy-MM-dd.");
}
