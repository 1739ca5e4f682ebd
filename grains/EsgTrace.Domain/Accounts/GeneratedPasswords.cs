using System.Security.Cryptography;

namespace EsgTrace.Accounts;

/// <summary>Passwords the platform makes (demo accounts, admin resets, recovery): 16 characters without look-alikes, about 90 bits.</summary>
public static class GeneratedPasswords
{
    // No 0/O, 1/l/I: easy to read out and type.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string New() => string.Create(16, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });
}
