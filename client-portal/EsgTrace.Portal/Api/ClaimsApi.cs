using System.Security.Claims;
using EsgTrace.Claims;
using EsgTrace.Domain;
using EsgTrace.Portal.Auth;
using EsgTrace.SupplyChain;
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

        write.MapPut("/{id}", (string id, ClaimDraft body, ClaimsPrincipal user, IGrainFactory grains) => Call(id, g => g.Draft(body, user.Actor()), grains))
            .WithName("DraftClaim").WithSummary("Draft a claim; generic or offset-based wording is refused with the reason.");
        write.MapPost("/{id}/verify", (string id, ClaimsPrincipal user, IGrainFactory grains) => Call(id, g => g.Verify(user.Actor()), grains))
            .WithName("VerifyClaim").WithSummary("Check the claim against current data; the verdict and numbers are recorded.");
        approve.MapPost("/{id}/approve", (string id, ClaimsPrincipal user, IGrainFactory grains) => Call(id, g => g.Approve(user.Actor()), grains))
            .WithName("ApproveClaim").WithSummary("Approve a verified claim (IT or auditor; never the claim's owner).");
        write.MapPost("/{id}/publish", (string id, ClaimsPrincipal user, IGrainFactory grains) => Call(id, g => g.Publish(user.Actor()), grains))
            .WithName("PublishClaim").WithSummary("Publish an approved claim that the current data still substantiates.");
        write.MapPost("/{id}/withdraw", (string id, WithdrawRequest body, ClaimsPrincipal user, IGrainFactory grains) => Call(id, g => g.Withdraw(body.Reason ?? string.Empty, user.Actor()), grains))
            .WithName("WithdrawClaim");
        read.MapGet("/{id}", async (string id, IGrainFactory grains) =>
        {
            if (!Validation.IsId(id) || await grains.GetGrain<IClaimGrain>(id).Monitor() is not { } view)
            {
                return (Results<Ok<ClaimView>, ProblemHttpResult>)new DomainProblem(ProblemKind.NotFound, "No such claim.", $"There is no claim '{id}'.").ToProblem();
            }

            return TypedResults.Ok(view);
        }).WithName("GetClaim").WithSummary("The claim with its current status: a published claim is re-checked against current data on every read.");
        read.MapGet("/{id}/lineage", Lineage).WithName("GetClaimLineage")
            .WithSummary("The lineage behind a claim: its figures' inputs, datasets and calculators, and each workflow step with who did it; ?format=prov (default) or openlineage.");
        return app;
    }

    private static async Task<IResult> Lineage(string id, string? format, IGrainFactory grains, NodaTime.IClock clock)
    {
        if (!LineageExport.IsKnown(format))
        {
            return LineageExport.UnknownFormat();
        }

        if (!Validation.IsId(id) || await grains.GetGrain<IClaimGrain>(id).Get() is not { } claim)
        {
            return new DomainProblem(ProblemKind.NotFound, "No such claim.", $"There is no claim '{id}'.").ToProblem();
        }

        var d = claim.Draft;
        var analysis = await grains.GetGrain<EsgTrace.Analysis.IProductAnalysisGrain>(0).AnalyzeScope(d.Scope, d.ProductId, d.Subjects ?? []);
        if (!analysis.IsOk)
        {
            return analysis.Problem!.ToProblem();
        }

        // A claim has no JSON lineage of its own shape: the default (and "json") is PROV-JSON.
        var steps = claim.Steps.Select(s => new EsgTrace.Lineage.ProvJson.Step(s.Step.Replace(' ', '-'), s.Actor, s.At, s.LineageRootSha256)).ToList();
        var asked = format is null || format.Equals("json", StringComparison.OrdinalIgnoreCase) ? "prov" : format;
        return LineageExport.Render(asked, $"claim-{id}-lineage", LineageExport.Records(analysis.Value!), clock.GetCurrentInstant(), "esg:claim/" + EsgTrace.Lineage.ProvJson.Safe(id), steps)!;
    }

    private static async Task<Results<Ok<ClaimView>, ProblemHttpResult>> Call(string id, Func<IClaimGrain, Task<Outcome<ClaimView>>> step, IGrainFactory grains)
    {
        if (!Validation.IsId(id))
        {
            return ProblemResults.Invalid("id", "A claim id is 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        }

        var outcome = await step(grains.GetGrain<IClaimGrain>(id));
        return outcome.IsOk ? TypedResults.Ok(outcome.Value!) : outcome.Problem!.ToProblem();
    }
}

/// <summary>Body of POST /api/claims/{id}/withdraw.</summary>
public sealed record WithdrawRequest(string? Reason);
