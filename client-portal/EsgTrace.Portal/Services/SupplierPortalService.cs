using EsgTrace.Accounts;
using EsgTrace.Domain;
using EsgTrace.SupplierPortal;
using EsgTrace.SupplyChain;

namespace EsgTrace.Portal.Services;

/// <summary>
/// The portal's and API's door to the supplier portal: invitations, requests to suppliers and their answers. Everything a
/// supplier reads or answers goes through the methods that take its own supplier id (from its principal, never from the
/// request) and answer another supplier's records as not found.
/// </summary>
public sealed class SupplierPortalService(IGrainFactory grains)
{
    /// <summary>Largest document or evidence file a supplier may attach to an answer.</summary>
    public const int MaxDocumentBytes = 5 * 1024 * 1024;

    /// <summary>Where answer documents are stored (content-addressed below the supplier's id).</summary>
    public const string DocumentContainer = "supplieranswers";

    private static readonly DomainProblem UnknownInvitation = new(ProblemKind.NotFound, "This invitation link is not valid.", "No invitation has this link. Check that the whole link was copied, or ask the company that invited you for a new one.");

    // ---- invitations (supply chain makes them; anyone holding the link redeems it once) ----

    /// <summary>A new single-use invitation for a person of the supplier; the link (with its token) is returned once and never stored.</summary>
    public async Task<Outcome<IssuedSupplierInvitation>> InviteAsync(string supplierId, Uri portalBase, string actor)
    {
        var token = InvitationTokens.New();
        var made = await grains.GetGrain<ISupplierInvitationGrain>(InvitationTokens.KeyOf(token)).Create(supplierId ?? string.Empty, actor);
        return made.IsOk
            ? Outcome<IssuedSupplierInvitation>.Ok(new IssuedSupplierInvitation(made.Value!.SupplierId, token, new Uri(portalBase, "account/invitation?token=" + token).ToString(), made.Value.ExpiresAt))
            : made.Problem!;
    }

    public Task<Outcome<SignedInAccount>> RedeemAsync(string? token, string? username, string? displayName, string? password, string? from)
        => InvitationTokens.IsWellFormed(token)
            ? grains.GetGrain<ISupplierInvitationGrain>(InvitationTokens.KeyOf(token!)).Redeem(username ?? string.Empty, displayName ?? string.Empty, password ?? string.Empty, from)
            : Task.FromResult<Outcome<SignedInAccount>>(UnknownInvitation);

    /// <summary>The invitation behind a link (for the redemption page), or null when the link is not one.</summary>
    public Task<SupplierInvitationView?> InvitationAsync(string? token)
        => InvitationTokens.IsWellFormed(token) ? grains.GetGrain<ISupplierInvitationGrain>(InvitationTokens.KeyOf(token!)).Get() : Task.FromResult<SupplierInvitationView?>(null);

    // ---- the brand's side (supply chain) ----

    public Task<Outcome<SupplierRequestView>> CreateRequestAsync(string id, SupplierRequestInput input, string actor)
        => WithId(id, () => grains.GetGrain<ISupplierRequestGrain>(id).Create(input with { LotId = Blank(input.LotId), Scheme = Blank(input.Scheme) }, actor));

    public Task<SupplierRequestView?> GetRequestAsync(string id) => Validation.IsId(id) ? grains.GetGrain<ISupplierRequestGrain>(id).Get() : Task.FromResult<SupplierRequestView?>(null);

    public Task<Page<SupplierRequestView>> ListRequestsAsync(string? after, int pageSize)
        => Directory.List<SupplierRequestView>(SupplierPortalLists.Requests, SupplyChainLists.All, after, pageSize);

    public Task<Outcome<SupplierRequestView>> AcceptAsync(string id, int answer, string? reason, string actor)
        => WithId(id, () => grains.GetGrain<ISupplierRequestGrain>(id).Accept(answer, reason, actor));

    public Task<Outcome<SupplierRequestView>> RejectAsync(string id, int answer, string? reason, string actor)
        => WithId(id, () => grains.GetGrain<ISupplierRequestGrain>(id).Reject(answer, reason ?? string.Empty, actor));

    /// <summary>A stored answer document, for the brand to read (null: no such document of that request).</summary>
    public async Task<Storage.StoredBlob?> AnswerDocumentAsync(string requestId, int answer)
    {
        var request = await GetRequestAsync(requestId);
        var document = request?.Answers.ElementAtOrDefault(answer - 1)?.Answer.Document;
        return document is null ? null : await grains.GetGrain<IDocumentStoreGrain>(0).Read(DocumentContainer, document.Blob);
    }

    // ---- the supplier's side: always its own supplier id ----

    public Task<SupplierView?> OwnSupplierAsync(string supplierId)
        => Validation.IsId(supplierId) ? grains.GetGrain<ISupplierGrain>(supplierId).Get() : Task.FromResult<SupplierView?>(null);

    /// <summary>The supplier's lots, each read from the lot itself (current balance; a lot no longer of this supplier is left out).</summary>
    public async Task<Page<LotView>> OwnLotsAsync(string supplierId, string? after, int pageSize)
    {
        if (!Validation.IsId(supplierId))
        {
            return new Page<LotView>([], null);
        }

        var listed = await Directory.List<LotView>(SupplyChainLists.LotsBySupplier, SupplyChainLists.SupplierPartition(supplierId), after, pageSize);
        var current = await Task.WhenAll(listed.Items.Select(l => grains.GetGrain<IMaterialLotGrain>(l.Id).Get()));
        return new Page<LotView>(current.Where(l => l is not null && l.Lot.SupplierId == supplierId).Select(l => l!).ToList(), listed.NextAfterKey);
    }

    public async Task<LotView?> OwnLotAsync(string supplierId, string lotId)
        => Validation.IsId(lotId) && await grains.GetGrain<IMaterialLotGrain>(lotId).Get() is { } lot && lot.Lot.SupplierId == supplierId ? lot : null;

    public Task<Page<SupplierRequestView>> OwnRequestsAsync(string supplierId, string? after, int pageSize)
        => Validation.IsId(supplierId)
            ? Directory.List<SupplierRequestView>(SupplierPortalLists.Requests, SupplierPortalLists.Of(supplierId), after, pageSize)
            : Task.FromResult(new Page<SupplierRequestView>([], null));

    public async Task<SupplierRequestView?> OwnRequestAsync(string supplierId, string requestId)
        => await GetRequestAsync(requestId) is { } request && request.Request.SupplierId == supplierId ? request : null;

    /// <summary>
    /// Answers a footprint request with the form's figures and, optionally, a document (stored with its SHA-256). Checked
    /// before the document is stored, so a refused answer stores nothing.
    /// </summary>
    public async Task<Outcome<SupplierRequestView>> AnswerFootprintAsync(string supplierId, string requestId, FootprintAnswer answer, byte[]? document, string? contentType, string actor)
    {
        if (await OwnRequestAsync(supplierId, requestId) is not { } request)
        {
            return NoSuchRequest(requestId);
        }

        if (document is { Length: > MaxDocumentBytes })
        {
            return DomainProblem.Invalid("document", $"The document is {document.Length:N0} bytes; the limit is {MaxDocumentBytes:N0}.");
        }

        if (request.Request.Kind != SupplierRequestKind.Footprint)
        {
            return DomainProblem.Invalid("footprint", "This request asks for a certificate, not a footprint.");
        }

        if (StateProblem(request) is { } stateProblem)
        {
            return stateProblem;
        }

        var check = FootprintAnswerRules.Check(answer);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        AnswerDocument? stored = null;
        if (document is { Length: > 0 })
        {
            var type = string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType;
            var info = await grains.GetGrain<IDocumentStoreGrain>(0).Store(DocumentContainer, supplierId, document, type);
            stored = new AnswerDocument(info.Sha256, info.Name, type, document.Length);
        }

        return await grains.GetGrain<ISupplierRequestGrain>(requestId).Answer(supplierId, new SupplierAnswerInput(answer, stored, null), actor);
    }

    /// <summary>Answers a certificate request; the evidence (optional) is stored with its SHA-256 as certificates are.</summary>
    public async Task<Outcome<SupplierRequestView>> AnswerCertificateAsync(string supplierId, string requestId, CertificateInput certificate, byte[]? evidence, string? contentType, string actor)
    {
        if (await OwnRequestAsync(supplierId, requestId) is not { } request)
        {
            return NoSuchRequest(requestId);
        }

        if (evidence is { Length: > SupplyChainService.MaxEvidenceBytes })
        {
            return DomainProblem.Invalid("evidence", $"The evidence document is {evidence.Length:N0} bytes; the limit is {SupplyChainService.MaxEvidenceBytes:N0}.");
        }

        if (request.Request.Kind != SupplierRequestKind.Certificate)
        {
            return DomainProblem.Invalid("certificate", "This request asks for a footprint, not a certificate.");
        }

        if (StateProblem(request) is { } stateProblem)
        {
            return stateProblem;
        }

        var input = certificate with { EvidenceSha256 = null, EvidenceBlob = null };
        var check = SupplierRules.Check(input);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        if (evidence is { Length: > 0 })
        {
            var info = await grains.GetGrain<IDocumentStoreGrain>(0).Store("certificates", supplierId, evidence, string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType);
            input = input with { EvidenceSha256 = info.Sha256, EvidenceBlob = $"certificates/{info.Name}" };
        }

        return await grains.GetGrain<ISupplierRequestGrain>(requestId).Answer(supplierId, new SupplierAnswerInput(null, null, input), actor);
    }

    private static DomainProblem? StateProblem(SupplierRequestView request) => request.Status switch
    {
        SupplierRequestStatus.Accepted => new DomainProblem(ProblemKind.Conflict, "The request is done.", $"An answer to request '{request.Id}' was accepted; there is nothing more to answer."),
        SupplierRequestStatus.Answered => new DomainProblem(ProblemKind.Conflict, "An answer is waiting for review.", $"Answer {request.Answers.Count} to request '{request.Id}' waits for the brand's review; answer again if it is rejected."),
        _ => null,
    };

    private static DomainProblem NoSuchRequest(string id) => new(ProblemKind.NotFound, "No such request.", $"There is no request '{id}'.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private ISupplyChainDirectoryGrain Directory => grains.GetGrain<ISupplyChainDirectoryGrain>(0);

    private static Task<Outcome<T>> WithId<T>(string id, Func<Task<Outcome<T>>> call)
        => Validation.IsId(id) ? call() : Task.FromResult<Outcome<T>>(DomainProblem.Invalid("id", "The id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'."));
}
