using System.Text.RegularExpressions;

namespace EsgTrace.Accounts;

/// <summary>Usernames: 3-64 characters of lowercase letters, digits, '.', '-', '_' and '@'; compared case-insensitively.</summary>
public static partial class Usernames
{
    public static string Normalize(string username) => username.Trim().ToLowerInvariant();

    /// <summary>Null when the (normalized) username is acceptable, else why not.</summary>
    public static string? Check(string? username) => username is not null && Pattern().IsMatch(Normalize(username))
        ? null
        : "A username is 3 to 64 characters: letters, digits, '.', '-', '_' or '@', starting with a letter or digit.";

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{2,63}$")]
    private static partial Regex Pattern();
}
