namespace EsgTrace.Portal.Auth;

/// <summary>Return addresses after sign-in: only paths on this portal, never another site.</summary>
public static class LocalUrls
{
    /// <summary>True for "/claims?x=1"; false for "https://…", "//host", "/\host" and anything not starting with one slash.</summary>
    public static bool IsLocal(string url)
        => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
           && !url.Any(char.IsControl);
}
