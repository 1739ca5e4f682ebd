namespace EsgTrace.Portal.Auth;

/// <summary>Section <c>Auth:SignIn</c>: how many secret-checking requests one address may make per minute.</summary>
public sealed class SignInLimitOptions
{
    public int PermitsPerMinute { get; set; } = 20;
}
