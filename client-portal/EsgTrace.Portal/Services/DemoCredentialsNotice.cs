namespace EsgTrace.Portal.Services;

/// <summary>
/// What the demo seeding has to tell the person who started the platform: the credentials it just created, or the file
/// that holds them. The start-up banner prints it last, after the address, so it is the last thing on the screen.
/// </summary>
public sealed class DemoCredentialsNotice
{
    /// <summary>The credentials created at this start (printed once), or null.</summary>
    public string? Created { get; set; }

    /// <summary>The file the demo credentials are saved in, when there are demo users.</summary>
    public string? File { get; set; }
}
