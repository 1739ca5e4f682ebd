namespace EsgTrace.Portal.Services;

/// <summary>The "Demo" configuration section: seed one demo user per role at first start.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    public bool SeedUsers { get; set; } = true;

    /// <summary>Seed the demo garment supply chain (two products) at first start.</summary>
    public bool SeedSupplyChain { get; set; } = true;

    /// <summary>One password for every demo user (tests, scripted demos). Empty: a random one per user, printed once and saved beside the data.</summary>
    public string? Password { get; set; }

    /// <summary>Where the generated credentials are written (default: data directory/demo-credentials.txt).</summary>
    public string? CredentialsFile { get; set; }
}
