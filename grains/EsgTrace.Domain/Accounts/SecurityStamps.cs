using System.Security.Cryptography;

namespace EsgTrace.Accounts;

/// <summary>
/// A random value per account that every session carries. Changing it (disable, password change or reset, role change,
/// sign-out everywhere) ends every session at its next request.
/// </summary>
public static class SecurityStamps
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool Same(string? presented, string current)
        => presented is not null && current.Length > 0 && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(presented), System.Text.Encoding.ASCII.GetBytes(current));
}
