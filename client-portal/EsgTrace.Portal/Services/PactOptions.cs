namespace EsgTrace.Portal.Services;

/// <summary>The "Pact" settings: how this organisation appears in the PACT footprints it publishes, and how it exchanges them.</summary>
public sealed class PactOptions
{
    public const string Section = "Pact";

    /// <summary>The company id PACT partners know us by (a URN).</summary>
    public string CompanyId { get; set; } = "urn:uuid:5b1e2c1d-9d7a-4c1e-8f5e-0e57ace0d001";

    /// <summary>The UN CPC code of our products' category.</summary>
    public string ProductCategoryCpc { get; set; } = "282";

    /// <summary>Where our products are made (ISO 3166-1 alpha-2), published as pcf.geographyCountry; unset: global (no geography field).</summary>
    public string? GeographyCountry { get; set; }

    /// <summary>
    /// PACT over HTTPS only: token, footprints, events and discovery answer 403 AccessDenied over plain HTTP, and partners
    /// must be registered with https URLs. Set it in production (the specification requires HTTPS); off by default so the
    /// shipped single-machine start on http://127.0.0.1 works.
    /// </summary>
    public bool RequireHttps { get; set; }

    /// <summary>How often the exchange worker looks for due deliveries and fetches (seconds).</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>The wait after the first failed attempt; each further failure doubles it, up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 2;

    public double RetryMaxSeconds { get; set; } = 600;

    /// <summary>How long one call to a partner may take (each try; the resilience pipeline's attempt timeout).</summary>
    public double TimeoutSeconds { get; set; } = 30;

    public TimeSpan Backoff(int failures) => TimeSpan.FromSeconds(Math.Min(RetryMaxSeconds, RetryBaseSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30))));

    /// <summary>Null when valid, else what is wrong (checked at start).</summary>
    public string? Problem()
        => GeographyCountry is { } g && (g.Length != 2 || !g.All(char.IsAsciiLetterUpper)) ? "Pact:GeographyCountry must be an ISO 3166-1 alpha-2 code in capitals, e.g. DE."
            : PollSeconds <= 0 || PollSeconds > 3600 ? "Pact:PollSeconds must be more than 0 and at most 3600."
            : RetryBaseSeconds <= 0 || RetryMaxSeconds < RetryBaseSeconds ? "Pact:RetryBaseSeconds must be more than 0 and Pact:RetryMaxSeconds at least as much."
            : TimeoutSeconds is < 1 or > 300 ? "Pact:TimeoutSeconds must be from 1 to 300."
            : null;
}
