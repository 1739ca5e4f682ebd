using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace EsgTrace.SupplierPortal;

/// <summary>
/// Single-use invitation tokens: 256 random bits as base64url (43 characters). Only their SHA-256 is stored (it keys the
/// invitation), so what the store holds cannot be turned back into a link.
/// </summary>
public static class InvitationTokens
{
    /// <summary>How long an invitation link can be used.</summary>
    public static readonly Duration Lifetime = Duration.FromDays(7);

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether the text has a token's shape (checked before anything is looked up).</summary>
    public static bool IsWellFormed(string? token)
        => token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The key an invitation is stored under: the token's SHA-256 as 64 lowercase hex digits.</summary>
    public static string KeyOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
