using EsgTrace.Claims;
using EsgTrace.Reports.Pdf;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EsgTrace.Portal.Api;

/// <summary>
/// Public, read-only checks of published claims: the claim's current status and figures, its proof PDF, and whether an
/// uploaded PDF is the genuine, unaltered proof. Nothing is shown of a claim that was never published.
/// </summary>
public static class VerificationApi
{
    public const int MaxUploadBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/verify").AllowAnonymous().WithTags("Public verification");
        group.MapGet("/{id}/status", Status).WithName("PublicClaimStatus").WithSummary("A published claim's current status, figures and lineage root hash.");
        // Serving the stored proof needs no re-check of the figures (status and check do that): only a proof must exist.
        group.MapGet("/{id}/proof.pdf", async (string id, IGrainFactory grains) =>
            Validation.IsId(id) && await grains.GetGrain<IClaimGrain>(id).Proof() is { } pdf
                ? Results.File(pdf, "application/pdf", $"claim-{id}-proof.pdf")
                : NotFound(id))
            .WithName("PublicClaimProof").WithSummary("The signed proof PDF of a published claim.");
        group.MapPost("/{id}/check", Check).WithName("CheckClaimProof").WithSummary("Send a PDF (body, application/pdf): is it the genuine, unaltered proof of this claim?")
            .Accepts<byte[]>("application/pdf");
        return app;
    }

    public static async Task<ClaimView?> PublishedAsync(string id, IGrainFactory grains)
        => Validation.IsId(id) && await grains.GetGrain<IClaimGrain>(id).Monitor() is { ProofSha256: not null } view ? view : null;

    private static async Task<IResult> Status(string id, IGrainFactory grains)
        => await PublishedAsync(id, grains) is { } v
            ? Results.Ok(new PublicClaim(v.Id, v.Draft.Wording, v.Status.ToString().ToLowerInvariant(), v.Draft.ProductId, v.Draft.ValidUntil, v.PublishedFigures, v.LastEvaluation?.Explanation, v.PublishedFigures?.LineageRootSha256, v.ProofSha256))
            : NotFound(id);

    private static async Task<IResult> Check(string id, HttpRequest request, IGrainFactory grains)
    {
        if (await PublishedAsync(id, grains) is not { } claim)
        {
            return NotFound(id);
        }

        using var buffer = new MemoryStream();
        var read = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(read)) > 0)
        {
            if (buffer.Length + n > MaxUploadBytes)
            {
                return TypedResults.Problem($"The upload is larger than {MaxUploadBytes / 1024 / 1024} MiB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large.");
            }

            buffer.Write(read, 0, n);
        }

        return TypedResults.Ok(Verdict(claim, buffer.ToArray()));
    }

    /// <summary>Genuine means: byte for byte the proof the platform issued at publication, whose signature is valid over the whole file.</summary>
    public static ProofCheck Verdict(ClaimView claim, byte[] pdf)
    {
        if (pdf.Length == 0)
        {
            return new ProofCheck(false, claim.Status.ToString().ToLowerInvariant(), ["The upload is empty."]);
        }

        var reasons = new List<string>();
        var signature = PdfSignatureInspector.Inspect(pdf);
        reasons.Add(signature.Signed && signature.SignatureValid ? "The signature is valid." : signature.Problem ?? "The signature is not valid.");
        if (signature.Signed && !signature.CoversWholeFile)
        {
            reasons.Add("The signature does not cover the whole file.");
        }

        if (signature.Timestamp is { } timestamp)
        {
            reasons.Add(timestamp.Valid ? $"The signature is timestamped {timestamp.Time.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by {timestamp.Authority}." : timestamp.Problem!);
        }

        var sameBytes = BlobNames.Sha256Hex(pdf) == claim.ProofSha256;
        reasons.Add(sameBytes ? "It is the exact proof issued for this claim." : "It is not the proof issued for this claim (its SHA-256 differs): altered, or another document.");
        var genuine = sameBytes && signature.SignatureValid && signature.CoversWholeFile && signature.Timestamp?.Valid != false;
        return new ProofCheck(genuine, claim.Status.ToString().ToLowerInvariant(), reasons, ProofSignature.From(signature));
    }

    private static ProblemHttpResult NotFound(string id)
        => TypedResults.Problem($"There is no published claim '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "No such published claim.");
}

/// <summary>What anyone may see of a published claim.</summary>
public sealed record PublicClaim(string Id, string Statement, string Status, string ProductId, NodaTime.LocalDate ValidUntil, ClaimFigures? PublishedFigures, string? CurrentVerdict, string? LineageRootSha256, string? ProofSha256);

/// <summary>The answer to "is this PDF the genuine proof of this claim?", with the signature's details when it verifies.</summary>
public sealed record ProofCheck(bool Genuine, string ClaimStatus, IReadOnlyList<string> Reasons, ProofSignature? Signature = null);
