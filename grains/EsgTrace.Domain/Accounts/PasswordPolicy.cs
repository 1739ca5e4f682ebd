namespace EsgTrace.Accounts;

/// <summary>
/// What a password must be (NIST SP 800-63B §5.1.1.2): long enough to resist guessing, short enough to hash cheaply, not
/// one people are known to pick, and not the account's own name. No composition rules: they make passwords harder to
/// remember, not to guess.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    /// <summary>One sentence for forms, saying the whole rule.</summary>
    public const string Summary = "At least 12 characters; not a commonly used password and not your username.";

    /// <summary>Null when the password is acceptable, else why not.</summary>
    public static string? Check(string? password, string? username = null) => password switch
    {
        null or "" => "A password is required.",
        { Length: < MinLength } => $"The password must be at least {MinLength} characters long.",
        { Length: > MaxLength } => $"The password must be at most {MaxLength} characters long.",
        _ when string.IsNullOrWhiteSpace(password) => "The password must not be blank.",
        _ when password.Distinct().Count() < 4 => "The password repeats too few characters to be hard to guess.",
        _ when username is { Length: >= 3 } && password.Contains(username, StringComparison.OrdinalIgnoreCase) => "The password must not contain the username.",
        _ when CommonPasswords.IsCommon(password) => "This password is on the list of commonly used passwords; choose another.",
        _ => null,
    };
}
