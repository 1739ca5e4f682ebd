using System.Security.Claims;
using EsgTrace.Accounts;
using EsgTrace.Claims;
using EsgTrace.Domain;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EsgTrace.Portal.Api;

/// <summary>Sustainability claims: marketing drafts, verifies and publishes; IT or audit approves; anyone with figure access reads.</summary>
public static class ClaimsApi
{
    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        var write = app.MapGroup("/api/claims").RequireAuthorization(Policies.ClaimsWrite).WithTags("Claims");
        var approve = app.MapGroup("/api/claims").RequireAuthorization(Policies.ClaimsApprove).WithTags("Claims");
        var read = app.MapGroup("/api/claims").RequireAuthorization(Policies.FiguresRead).WithTags("Claims");

        write.MapPut("/{id}", (string id, ClaimDraft body, ClaimsPrincipal user, ClaimService claims) => ProblemResults.Reply(claims.DraftAsync(id, body, user.Actor())))
            .WithName("DraftClaim").WithSummary("Draft a claim; generic or offset-based wording is refused with the reason.");
        write.MapPost("/{id}/verify", Verify)
            .WithName("VerifyClaim").WithSummary("Check the claim against current data; the verdict and numbers are recorded. A check that fails answers 422 with the reason (the claim stays a draft).");
        approve.MapPost("/{id}/approve", (string id, ClaimsPrincipal user, ClaimService claims) => ProblemResults.Reply(claims.ApproveAsync(id, user)))
            .WithName("ApproveClaim").WithSummary("Approve a verified claim (IT or auditor; a claim about IT only the CIO, role it; never the claim's owner).");
        write.MapPost("/{id}/publish", (string id, ClaimsPrincipal user, ClaimService claims) => ProblemResults.Reply(claims.PublishAsync(id, user.Actor())))
            .WithName("PublishClaim").WithSummary("Publish an approved claim that the current data still substantiates; its proof points to Proofs:PublicBaseUrl (else the portal's own address).");
        write.MapPost("/{id}/withdraw", (string id, WithdrawRequest body, ClaimsPrincipal user, ClaimService claims) => ProblemResults.Reply(claims.WithdrawAsync(id, body.Reason ?? string.Empty, user.Actor())))
            .WithName("WithdrawClaim");
        // Mapped outside the group: a group's empty pattern would read "/api/claims/".
        app.MapGet("/api/claims", List).RequireAuthorization(Policies.FiguresRead).WithTags("Claims")
            .WithName("ListClaims").WithSummary("Claims in id order, a page at a time (pass the previous page's nextAfterKey as 'after'); each with its current standing ('current'), live claims re-checked.");
        read.MapGet("/{id}", Get)
            .WithName("GetClaim").WithSummary("The claim with its current standing ('current'): a published claim is re-checked against current data on every read.");
        read.MapGet("/{id}/lineage", Lineage).WithName("GetClaimLineage")
            .WithSummary("The lineage behind a claim: its figures' inputs, datasets and calculators, and each workflow step with who did it; ?format=prov (default) or openlineage.");
        return app;
    }

    private static async Task<Page<ClaimSummary>> List(string? after, int? pageSize, ClaimService claims)
    {
        var page = await claims.ListAsync(after, pageSize ?? 100);
        return new Page<ClaimSummary>(page.Items.Select(ClaimSummary.Of).ToList(), page.NextAfterKey);
    }

    private static Task<Results<Ok<ClaimView>, ProblemHttpResult>> Get(string id, ClaimService claims) => ProblemResults.Found(claims.CurrentAsync(id), "claim", id);

    /// <summary>A failed check is recorded, but the step did not succeed: 422, the reason as detail, the claim as recorded in 'claim'.</summary>
    private static async Task<Results<Ok<ClaimView>, ProblemHttpResult>> Verify(string id, ClaimsPrincipal user, ClaimService claims)
    {
        var outcome = await claims.VerifyAsync(id, user.Actor());
        if (!outcome.IsOk)
        {
            return outcome.Problem!.ToProblem();
        }

        var view = outcome.Value!;
        return view.Current.Holds == false
            ? TypedResults.Problem(view.Current.Finding, statusCode: StatusCodes.Status422UnprocessableEntity, title: view.Current.Headline, extensions: new Dictionary<string, object?> { ["claim"] = view })
            : TypedResults.Ok(view);
    }

    private static async Task<IResult> Lineage(string id, string? format, ClaimService claims, IGrainFactory grains, NodaTime.IClock clock)
    {
        if (!LineageExport.IsKnown(format))
        {
            return LineageExport.UnknownFormat();
        }

        if (await claims.RecordedAsync(id) is not { } claim)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such claim.", $"There is no claim '{id}'.").ToProblem();
        }

        var d = claim.Draft;
        var steps = claim.Steps.Select(s => new EsgTrace.Lineage.ProvJson.Step(s.Step.Replace(' ', '-'), s.Actor, s.At, s.LineageRootSha256)).ToList();
        var asked = format is null || format.Equals("json", StringComparison.OrdinalIgnoreCase) ? "prov" : format;
        if (ItClaims.IsIt(d.Type))
        {
            var it = await grains.GetGrain<IClaimGrain>(id).ItLineage();
            return it.IsOk
                ? LineageExport.Render(asked, $"claim-{id}-lineage", [it.Value!], clock.GetCurrentInstant(), "esg:claim/" + EsgTrace.Lineage.ProvJson.Safe(id), steps)!
                : it.Problem!.ToProblem();
        }

        var analysis = await grains.GetGrain<EsgTrace.Claims.IProductAnalysisGrain>(0).AnalyzeScope(d.Scope, d.ProductId, d.Subjects ?? []);
        if (!analysis.IsOk)
        {
            return analysis.Problem!.ToProblem();
        }

        // A claim has no JSON lineage of its own shape: the default (and "json") is PROV-JSON.
        return LineageExport.Render(asked, $"claim-{id}-lineage", LineageExport.Records(analysis.Value!), clock.GetCurrentInstant(), "esg:claim/" + EsgTrace.Lineage.ProvJson.Safe(id), steps)!;
    }
}

/// <summary>Body of POST /api/claims/{id}/withdraw.</summary>
public sealed record WithdrawRequest(string? Reason);
