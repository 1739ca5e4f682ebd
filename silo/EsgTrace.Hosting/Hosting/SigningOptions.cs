namespace EsgTrace.Hosting;

/// <summary>The "Signing" configuration section: which certificate signs proof documents.</summary>
public sealed class SigningOptions
{
    public const string Section = "Signing";

    /// <summary>A PFX (PKCS#12) file with the certificate and its RSA private key. Empty: a self-signed one is generated and kept in the data directory.</summary>
    public string? PfxPath { get; set; }

    public string? PfxPassword { get; set; }
}
