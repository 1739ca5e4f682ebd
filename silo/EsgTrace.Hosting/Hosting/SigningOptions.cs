namespace EsgTrace.Hosting;

/// <summary>The "Signing" configuration section: which certificate signs proof documents, and which authority timestamps them.</summary>
public sealed class SigningOptions
{
    public const string Section = "Signing";

    /// <summary>A PFX (PKCS#12) file with the certificate and its RSA private key. Empty: a self-signed one is generated and kept in the data directory.</summary>
    public string? PfxPath { get; set; }

    public string? PfxPassword { get; set; }

    /// <summary>
    /// An RFC 3161 time-stamping authority (http or https URL). Set: every signature carries its signature timestamp, and
    /// signing fails (nothing is published) when the authority gives none. Empty: signatures carry only the claimed time.
    /// </summary>
    public string? TimestampUrl { get; set; }

    /// <summary>How long to wait for the authority's answer.</summary>
    public int TimestampTimeoutSeconds { get; set; } = 30;

    /// <summary>The reasons these options cannot be used (empty when they can).</summary>
    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(TimestampUrl)
            && (!Uri.TryCreate(TimestampUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return $"Signing:TimestampUrl '{TimestampUrl}' is not an absolute http or https URL.";
        }

        if (TimestampTimeoutSeconds is < 1 or > 600)
        {
            yield return "Signing:TimestampTimeoutSeconds must be between 1 and 600.";
        }
    }
}
