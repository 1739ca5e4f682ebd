namespace EsgTrace.Reports.Pdf;

/// <summary>An RFC 3161 signature timestamp found on a PDF signature.</summary>
/// <param name="Time">The authority's genTime: the signature existed no later than this.</param>
/// <param name="Authority">The subject of the certificate that signed the token (absent when the token carries none).</param>
/// <param name="Valid">The token's signature verifies, its certificate may time-stamp, and it stamps this signature's value.</param>
public sealed record SignatureTimestampReport(DateTimeOffset Time, string? Authority, string? AuthorityThumbprint, bool Valid, string? Problem);
