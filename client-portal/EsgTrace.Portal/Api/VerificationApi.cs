using EsgTrace.Claims;
using EsgTrace.Portal.Services;
using EsgTrace.Reports.Pdf;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EsgTrace.Portal.Api;

/// <summary>
/// Public, read-only checks of published claims: the claim's current status and figures, its proof PDF, and whether an
/// uploaded PDF is the genuine, unaltered proof. Nothing is shown of a claim that was never published.
/// </summary>
public static class VerificationApi
{
    public const int MaxUploadBytes = 10 * 1024 * 1024;

    /// <summary>What an empty upload is told, on the page and by the API.</summary>
    public const string ChooseAFile = "Choose the PDF file to check: nothing was uploaded.";

    public static IEndpointRouteBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/verify").AllowAnonymous().WithTags("Public verification");
        group.MapGet("/{id}/status", Status).WithName("PublicClaimStatus").WithSummary("A published claim's current standing ('current': status, headline, finding), figures at publication and lineage root hash.");
        // Serving the stored proof needs no re-check of the figures (status and check do that): only a proof must exist.
        group.MapGet("/{id}/proof.pdf", Proof).WithName("PublicClaimProof").WithSummary("The signed proof PDF of a published claim.");
        group.MapPost("/{id}/check", Check).WithName("CheckClaimProof").WithSummary("Send a PDF (body, application/pdf): is it the genuine, unaltered proof of this claim? An empty body answers 400.")
            .Accepts<byte[]>("application/pdf");
        return app;
    }

    private static async Task<Results<Ok<PublicClaim>, ProblemHttpResult>> Status(string id, ClaimService claims)
        => await claims.PublishedAsync(id) is { } v ? TypedResults.Ok(PublicClaim.Of(v)) : NotFound(id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Proof(string id, ClaimService claims)
        => await claims.ProofAsync(id) is { } pdf ? TypedResults.File(pdf, "application/pdf", $"claim-{id}-proof.pdf") : NotFound(id);

    private static async Task<IResult> Check(string id, HttpRequest request, ClaimService claims)
    {
        if (await claims.PublishedAsync(id) is not { } claim)
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

        return buffer.Length == 0
            ? TypedResults.Problem(ChooseAFile, statusCode: StatusCodes.Status400BadRequest, title: "No file to check.")
            : TypedResults.Ok(Verdict(claim, buffer.ToArray()));
    }

    /// <summary>
    /// Genuine means: byte for byte the proof the platform issued at publication, whose signature is valid over the whole
    /// file. The answer carries the claim's current standing, since a genuine proof of a claim at risk is still at risk.
    /// </summary>
    /// <param name="pdf">The upload; not empty (callers answer an empty one with <see cref="ChooseAFile"/>).</param>
    public static ProofCheck Verdict(ClaimView claim, byte[] pdf)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pdf.Length);
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

        var sameBytes = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)) == claim.ProofSha256;
        reasons.Add(sameBytes ? "It is the exact proof issued for this claim." : "It is not the proof issued for this claim (its SHA-256 differs): altered, or another document.");
        var genuine = sameBytes && signature.SignatureValid && signature.CoversWholeFile && signature.Timestamp?.Valid != false;
        return new ProofCheck(genuine, claim.Current, reasons, ProofSignature.From(signature));
    }

    private static ProblemHttpResult NotFound(string id)
        => TypedResults.Problem($"There is no published claim '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "No such published claim.");
}
