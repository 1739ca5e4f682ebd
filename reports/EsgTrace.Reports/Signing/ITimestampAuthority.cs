using System.Security.Cryptography.Pkcs;

namespace EsgTrace.Reports.Signing;

/// <summary>An RFC 3161 time-stamping authority: it attests that a signature value existed at a time it vouches for.</summary>
public interface ITimestampAuthority
{
    /// <summary>Where the authority answers; named in errors.</summary>
    Uri Address { get; }

    /// <summary>
    /// A verified timestamp token over <paramref name="signer"/>'s signature value, for its signature-time-stamp attribute.
    /// Throws <see cref="TimestampAuthorityException"/> when there is no such token to be had: never returns an unchecked one.
    /// </summary>
    Task<Rfc3161TimestampToken> StampAsync(SignerInfo signer, CancellationToken cancellationToken = default);
}
