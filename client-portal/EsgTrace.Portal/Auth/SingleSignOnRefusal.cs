namespace EsgTrace.Portal.Auth;

/// <summary>
/// Why a single sign-on ended without signing in. The sign-in page gets only the code (<c>?sso-error=no-role</c>) and
/// writes the sentence itself, so a crafted link cannot put words of its own on our page.
/// </summary>
public static class SingleSignOnRefusal
{
    public const string QueryKey = "sso-error";
    public const string NoRole = "no-role";
    public const string SeveralRoles = "several-roles";
    public const string Failed = "failed";

    public static string LoginPath(string code) => "/account/login?" + QueryKey + "=" + code;

    /// <summary>The readable sentence for a code, or null for an unknown one.</summary>
    public static string? Message(string? code, string provider) => code switch
    {
        NoRole => $"Your {provider} account has no EsgTrace role, so you were not signed in. Ask your administrator to give you one of the roles {EsgTrace.Domain.Roles.Describe()}.",
        SeveralRoles => $"Your {provider} account has more than one EsgTrace role, so you were not signed in: EsgTrace needs exactly one. Ask your administrator to keep only one.",
        Failed => $"Signing in with {provider} did not complete, so you were not signed in. Try again, or sign in with an EsgTrace account.",
        _ => null,
    };
}
