using System.Security.Cryptography;
using System.Text;

namespace EsgTrace.Epcis;

/// <summary>
/// The <c>GS1-Signature</c> header of a webhook delivery: <c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact
/// request body, keyed with the subscription's <c>signatureToken</c> (UTF-8). The REST binding leaves the scheme to the
/// implementation and names HMAC with SHA-256 as an example; the receiver recomputes it over the bytes it received.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "GS1-Signature";
    private const string Prefix = "sha256=";

    public static string Compute(string token, ReadOnlySpan<byte> body)
        => Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), body));

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> under <paramref name="token"/> (constant time).</summary>
    public static bool Verify(string token, ReadOnlySpan<byte> body, string? header)
        => header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(token, body)), Encoding.ASCII.GetBytes(header));
}
