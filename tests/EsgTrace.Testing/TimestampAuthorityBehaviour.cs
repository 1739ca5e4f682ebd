namespace EsgTrace.Testing;

/// <summary>How <see cref="TestTimestampAuthority"/> answers the next requests.</summary>
public enum TimestampAuthorityBehaviour
{
    /// <summary>A granted TimeStampResp with a token over the request's imprint.</summary>
    Grant,

    /// <summary>A TimeStampResp with status rejection and no token (RFC 3161 PKIStatus 2).</summary>
    Reject,

    /// <summary>HTTP 503 and no TimeStampResp at all.</summary>
    HttpError,

    /// <summary>A granted token signed by a certificate without the timeStamping extended key usage.</summary>
    WrongCertificate,
}
