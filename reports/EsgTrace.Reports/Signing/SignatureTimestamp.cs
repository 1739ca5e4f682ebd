using System.Security.Cryptography;

namespace EsgTrace.Reports.Signing;

/// <summary>The CMS unsigned attribute that carries an RFC 3161 token over the signature value (RFC 3161 appendix A, CAdES-T).</summary>
public static class SignatureTimestamp
{
    /// <summary>id-aa-signatureTimeStampToken.</summary>
    public const string AttributeOid = "1.2.840.113549.1.9.16.2.14";

    public static AsnEncodedData Attribute(System.Security.Cryptography.Pkcs.Rfc3161TimestampToken token)
        => new(new Oid(AttributeOid), token.AsSignedCms().Encode());
}
