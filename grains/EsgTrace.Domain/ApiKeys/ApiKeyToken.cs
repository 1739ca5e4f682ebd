using System.Security.Cryptography;
using System.Text;

namespace EsgTrace.ApiKeys;

/// <summary>
/// An API key as a client sends it: "esg_" + a 16-hex-digit key id + "_" + a 256-bit random secret (base64url).
/// Only the SHA-256 of the secret is stored; a fast hash is enough because the secret is random, not chosen by a person.
/// </summary>
public sealed record ApiKeyToken(string KeyId, string Secret)
{
    private const string Prefix = "esg_";

    public override string ToString() => $"{Prefix}{KeyId}_{Secret}";

    public static ApiKeyToken New()
        => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Base64Url(RandomNumberGenerator.GetBytes(32)));

    public static bool TryParse(string? text, out ApiKeyToken token)
    {
        token = null!;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal) || text.Length != Prefix.Length + 16 + 1 + 43 || text[Prefix.Length + 16] != '_')
        {
            return false;
        }

        var keyId = text.Substring(Prefix.Length, 16);
        if (!keyId.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        token = new ApiKeyToken(keyId, text[(Prefix.Length + 17)..]);
        return true;
    }

    public static string HashSecret(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool SecretMatches(string secret, string storedHash)
        => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashSecret(secret)), Encoding.ASCII.GetBytes(storedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
