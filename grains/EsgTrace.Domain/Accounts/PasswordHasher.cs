using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EsgTrace.Accounts;

/// <summary>
/// Salted PBKDF2-HMAC-SHA512 password hashes, stored as "pbkdf2-sha512$iterations$salt$hash" (base64), so the work factor
/// can rise later without invalidating stored hashes. 210,000 iterations follows OWASP's 2023 advice for this PRF.
/// </summary>
public static class PasswordHasher
{
    public const int Iterations = 210_000;
    private const string Scheme = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password, int iterations = Iterations)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    // A hash no password matches, made with the current work factor: checked when there is no account (or no usable hash),
    // so an unknown name costs the same time as a known one.
    private static readonly Lazy<string> NoAccount = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    /// <summary>Does the work of a verification that cannot succeed; returns false.</summary>
    public static bool VerifyNothing(string password)
    {
        Verify(password, NoAccount.Value);
        return false;
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
