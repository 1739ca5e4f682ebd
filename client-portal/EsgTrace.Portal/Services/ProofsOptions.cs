namespace EsgTrace.Portal.Services;

/// <summary>The "Proofs" configuration section: where the public reaches the portal, for the address printed on proofs.</summary>
public sealed class ProofsOptions
{
    public const string Section = "Proofs";

    /// <summary>
    /// The portal's public base URL (absolute http or https, e.g. https://esg.example.com), printed as the QR code and
    /// "verify at" address of every proof. Set it in production: a portal behind a proxy or load balancer cannot see
    /// its public address. Unset, the address the portal listens on is used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>True when <paramref name="value"/> is unset or an absolute http or https URL.</summary>
    public static bool IsValid(string? value)
        => string.IsNullOrEmpty(value) || Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}
