namespace EsgTrace.Accounts;

/// <summary>What a password must be: long enough to resist guessing, short enough to hash cheaply.</summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    /// <summary>Null when the password is acceptable, else why not.</summary>
    public static string? Check(string? password) => password switch
    {
        null or "" => "A password is required.",
        { Length: < MinLength } => $"The password must be at least {MinLength} characters long.",
        { Length: > MaxLength } => $"The password must be at most {MaxLength} characters long.",
        _ when string.IsNullOrWhiteSpace(password) => "The password must not be blank.",
        _ => null,
    };
}
