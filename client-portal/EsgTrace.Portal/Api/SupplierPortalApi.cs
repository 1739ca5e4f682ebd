using System.Security.Claims;
using System.Text.Json.Serialization;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using EsgTrace.SupplierPortal;
using EsgTrace.SupplyChain;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace EsgTrace.Portal.Api;

/// <summary>
/// The supplier portal over HTTP. The supply chain invites a supplier's people, addresses requests to suppliers and
/// accepts or rejects their answers (<c>/api/supplier-invitations</c>, <c>/api/supplier-requests</c>); a supplier
/// principal reads and answers only what concerns its own supplier (<c>/api/supplier-portal</c>): the supplier id comes
/// from its account or API key, never from the request, and another supplier's lot or request answers 404.
/// </summary>
public static class SupplierPortalApi
{
    public static IEndpointRouteBuilder MapSupplierPortalApi(this IEndpointRouteBuilder app)
    {
        var own = app.MapGroup("/api/supplier-portal").RequireAuthorization(Policies.SupplierPortal).WithTags("Supplier portal");
        own.MapGet("/supplier", OwnSupplier).WithName("GetOwnSupplier").WithSummary("The supplier this account or key acts for.");
        own.MapGet("/lots", OwnLots).WithName("ListOwnLots").WithSummary("The supplier's own lots, a page at a time.");
        own.MapGet("/lots/{id}", OwnLot).WithName("GetOwnLot").WithSummary("One of the supplier's own lots (another supplier's lot: 404).");
        own.MapGet("/requests", OwnRequests).WithName("ListOwnRequests").WithSummary("The requests addressed to the supplier, a page at a time.");
        own.MapGet("/requests/{id}", OwnRequest).WithName("GetOwnRequest").WithSummary("One request addressed to the supplier (another supplier's: 404).");
        own.MapPost("/requests/{id}/footprint", AnswerFootprint).WithName("AnswerFootprintRequest")
            .WithSummary("Answer a footprint request with PACT v3 ProductFootprint figures (decimals as numbers or strings) and optionally a document (base64, at most 5 MiB) stored with its SHA-256.");
        own.MapPost("/requests/{id}/certificate", AnswerCertificate).WithName("AnswerCertificateRequest")
            .WithSummary("Answer a certificate request: scheme, number, validity and optionally the evidence document (base64, at most 5 MiB).");

        app.MapPost("/api/supplier-invitations", Invite).RequireAuthorization(Policies.SupplyChainWrite).WithTags("Supplier requests")
            .WithName("InviteSupplierUser").WithSummary("Invite a person of a registered supplier: returns a single-use link, shown once, valid for 7 days.");
        app.MapPost("/api/supplier-invitations/redeem", Redeem).AllowAnonymous().WithTags("Supplier requests")
            .WithName("RedeemSupplierInvitation").WithSummary("Use an invitation's token once to make the supplier account (username, name, password).");

        var records = app.MapGroup("/api/supplier-requests").RequireAuthorization(Policies.SupplyChain).WithTags("Supplier requests");
        var write = app.MapGroup("/api/supplier-requests").RequireAuthorization(Policies.SupplyChainWrite).WithTags("Supplier requests");
        write.MapPut("/{id}", CreateRequest).WithName("CreateSupplierRequest").WithSummary("Ask a supplier for a lot's footprint or a certificate (idempotent by id).");
        app.MapGet("/api/supplier-requests", ListRequests).RequireAuthorization(Policies.SupplyChain).WithTags("Supplier requests").WithName("ListSupplierRequests").WithSummary("Requests to suppliers, by id, a page at a time.");
        records.MapGet("/{id}", GetRequest).WithName("GetSupplierRequest");
        records.MapGet("/{id}/answers/{answer}/document", AnswerDocument).WithName("GetSupplierAnswerDocument").WithSummary("The document a supplier attached to an answer.");
        write.MapPost("/{id}/answers/{answer}/accept", Accept).WithName("AcceptSupplierAnswer")
            .WithSummary("Accept the answer: a footprint becomes the lot's primary factor (a lot correction), a certificate is added to the supplier.");
        write.MapPost("/{id}/answers/{answer}/reject", Reject).WithName("RejectSupplierAnswer").WithSummary("Reject the answer with a reason the supplier reads; it may answer again.");
        return app;
    }

    private static async Task<Results<Ok<SupplierView>, ProblemHttpResult>> OwnSupplier(ClaimsPrincipal user, SupplierPortalService s)
        => user.SupplierId() is not { } supplier ? Unbound()
            : await s.OwnSupplierAsync(supplier) is { } view ? TypedResults.Ok(view)
            : NotFound("supplier", supplier);

    private static async Task<Results<Ok<Domain.Page<LotView>>, ProblemHttpResult>> OwnLots(string? after, int? pageSize, ClaimsPrincipal user, SupplierPortalService s)
        => user.SupplierId() is { } supplier ? TypedResults.Ok(await s.OwnLotsAsync(supplier, after, pageSize ?? 100)) : Unbound();

    private static async Task<Results<Ok<LotView>, ProblemHttpResult>> OwnLot(string id, ClaimsPrincipal user, SupplierPortalService s)
        => user.SupplierId() is not { } supplier ? Unbound()
            : await s.OwnLotAsync(supplier, id) is { } lot ? TypedResults.Ok(lot)
            : NotFound("lot", id);

    private static async Task<Results<Ok<Domain.Page<SupplierRequestView>>, ProblemHttpResult>> OwnRequests(string? after, int? pageSize, ClaimsPrincipal user, SupplierPortalService s)
        => user.SupplierId() is { } supplier ? TypedResults.Ok(await s.OwnRequestsAsync(supplier, after, pageSize ?? 100)) : Unbound();

    private static async Task<Results<Ok<SupplierRequestView>, ProblemHttpResult>> OwnRequest(string id, ClaimsPrincipal user, SupplierPortalService s)
        => user.SupplierId() is not { } supplier ? Unbound()
            : await s.OwnRequestAsync(supplier, id) is { } request ? TypedResults.Ok(request)
            : NotFound("request", id);

    private static async Task<Results<Ok<SupplierRequestView>, ProblemHttpResult>> AnswerFootprint(string id, FootprintAnswerRequest body, ClaimsPrincipal user, SupplierPortalService s)
    {
        if (user.SupplierId() is not { } supplier)
        {
            return Unbound();
        }

        if (!TryDecode(body.DocumentBase64, "documentBase64", out var document, out var invalid))
        {
            return invalid!;
        }

        var missing = new (string Field, bool Absent)[]
        {
            ("id", body.Id is null), ("declaredUnitOfMeasurement", body.DeclaredUnitOfMeasurement is null), ("declaredUnitAmount", body.DeclaredUnitAmount is null),
            ("productMassPerDeclaredUnit", body.ProductMassPerDeclaredUnit is null), ("pcfExcludingBiogenicUptake", body.PcfExcludingBiogenicUptake is null),
            ("referencePeriodStart", body.ReferencePeriodStart is null), ("referencePeriodEnd", body.ReferencePeriodEnd is null),
        }.Where(m => m.Absent).ToDictionary(m => m.Field, m => new[] { $"'{m.Field}' is required (PACT v3 ProductFootprint)." });
        if (missing.Count > 0)
        {
            return Domain.DomainProblem.Invalid(missing).ToProblem();
        }

        var answer = new FootprintAnswer(body.Id!, body.Version, body.DeclaredUnitOfMeasurement!, body.DeclaredUnitAmount!.Value, body.ProductMassPerDeclaredUnit!.Value,
            body.PcfExcludingBiogenicUptake!.Value, body.PcfIncludingBiogenicUptake, body.ReferencePeriodStart!.Value, body.ReferencePeriodEnd!.Value, body.Comment);
        return ProblemResults.Reply(await s.AnswerFootprintAsync(supplier, id, answer, document, body.DocumentContentType, user.Actor()));
    }

    private static async Task<Results<Ok<SupplierRequestView>, ProblemHttpResult>> AnswerCertificate(string id, CertificateRequest body, ClaimsPrincipal user, SupplierPortalService s)
    {
        if (user.SupplierId() is not { } supplier)
        {
            return Unbound();
        }

        if (!TryDecode(body.EvidenceBase64, "evidenceBase64", out var evidence, out var invalid))
        {
            return invalid!;
        }

        var certificate = new CertificateInput(body.Scheme ?? string.Empty, body.Number ?? string.Empty, body.ValidFrom, body.ValidTo, null, null);
        return ProblemResults.Reply(await s.AnswerCertificateAsync(supplier, id, certificate, evidence, body.EvidenceContentType, user.Actor()));
    }

    private static async Task<Results<Created<IssuedSupplierInvitation>, ProblemHttpResult>> Invite(InvitationRequest body, HttpRequest http, ClaimsPrincipal user, SupplierPortalService s)
    {
        var outcome = await s.InviteAsync(body.SupplierId ?? string.Empty, new Uri($"{http.Scheme}://{http.Host}{http.PathBase}/"), user.Actor());
        return outcome.IsOk ? TypedResults.Created((string?)null, outcome.Value!) : outcome.Problem!.ToProblem();
    }

    private static async Task<Results<Ok<RedeemedInvitation>, ProblemHttpResult>> Redeem(RedeemInvitationRequest body, HttpContext http, SupplierPortalService s)
    {
        var outcome = await s.RedeemAsync(body.Token, body.Username, body.DisplayName, body.Password, http.Connection.RemoteIpAddress?.ToString());
        return outcome.IsOk
            ? TypedResults.Ok(new RedeemedInvitation(outcome.Value!.Profile.Username, outcome.Value.Profile.DisplayName, Domain.Roles.Supplier, outcome.Value.Profile.SupplierId!))
            : outcome.Problem!.ToProblem();
    }

    private static Task<Results<Ok<SupplierRequestView>, ProblemHttpResult>> CreateRequest(string id, SupplierRequestInput body, ClaimsPrincipal user, SupplierPortalService s)
        => ProblemResults.Reply(s.CreateRequestAsync(id, body, user.Actor()));

    private static async Task<Ok<Domain.Page<SupplierRequestView>>> ListRequests(string? after, int? pageSize, SupplierPortalService s)
        => TypedResults.Ok(await s.ListRequestsAsync(after, pageSize ?? 100));

    private static Task<Results<Ok<SupplierRequestView>, ProblemHttpResult>> GetRequest(string id, SupplierPortalService s)
        => ProblemResults.Found(s.GetRequestAsync(id), "request", id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AnswerDocument(string id, int answer, SupplierPortalService s)
        => await s.AnswerDocumentAsync(id, answer) is { } blob
            ? TypedResults.File(blob.Content.ToArray(), blob.Info.ContentType, $"{id}-answer-{answer}")
            : NotFound("document of answer", $"{id} #{answer}");

    private static Task<Results<Ok<SupplierRequestView>, ProblemHttpResult>> Accept(string id, int answer, ReviewRequest body, ClaimsPrincipal user, SupplierPortalService s)
        => ProblemResults.Reply(s.AcceptAsync(id, answer, body.Reason, user.Actor()));

    private static Task<Results<Ok<SupplierRequestView>, ProblemHttpResult>> Reject(string id, int answer, ReviewRequest body, ClaimsPrincipal user, SupplierPortalService s)
        => ProblemResults.Reply(s.RejectAsync(id, answer, body.Reason, user.Actor()));

    private static bool TryDecode(string? base64, string field, out byte[]? bytes, out ProblemHttpResult? invalid)
    {
        bytes = null;
        invalid = null;
        if (string.IsNullOrEmpty(base64))
        {
            return true;
        }

        try
        {
            bytes = Convert.FromBase64String(base64);
            return true;
        }
        catch (FormatException)
        {
            invalid = ProblemResults.Invalid(field, $"'{field}' is not valid base64.");
            return false;
        }
    }

    // A supplier principal without its supplier binding (none is issued so): refused rather than shown anything.
    private static ProblemHttpResult Unbound()
        => TypedResults.Problem("This account or key is not bound to a supplier.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");

    private static ProblemHttpResult NotFound(string what, string id)
        => new Domain.DomainProblem(Domain.ProblemKind.NotFound, $"No such {what}.", $"There is no {what} '{id}'.").ToProblem();
}

/// <summary>Body of POST /api/supplier-invitations.</summary>
public sealed record InvitationRequest(string? SupplierId);

/// <summary>Body of POST /api/supplier-invitations/redeem.</summary>
public sealed record RedeemInvitationRequest(string? Token, string? Username, string? DisplayName, string? Password);

/// <summary>The account an invitation made.</summary>
public sealed record RedeemedInvitation(string Username, string DisplayName, string Role, string SupplierId);

/// <summary>Body of an accept (reason optional) or reject (reason required).</summary>
public sealed record ReviewRequest(string? Reason);

/// <summary>
/// Body of POST /api/supplier-portal/requests/{id}/footprint: the PACT v3 ProductFootprint's <c>id</c> and its pcf's
/// fields by their PACT names (decimals as JSON numbers or, as PACT writes them, strings), the v2.x <c>version</c> where
/// kept, and an optional document.
/// </summary>
public sealed record FootprintAnswerRequest(
    string? Id,
    int? Version,
    string? DeclaredUnitOfMeasurement,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal? DeclaredUnitAmount,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal? ProductMassPerDeclaredUnit,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal? PcfExcludingBiogenicUptake,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] decimal? PcfIncludingBiogenicUptake,
    Instant? ReferencePeriodStart,
    Instant? ReferencePeriodEnd,
    string? Comment,
    string? DocumentBase64,
    string? DocumentContentType);
