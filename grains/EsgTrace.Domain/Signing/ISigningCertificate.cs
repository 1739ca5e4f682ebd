using System.Security.Cryptography.X509Certificates;

namespace EsgTrace.Signing;

/// <summary>The platform's document-signing certificate (with its private key).</summary>
public interface ISigningCertificate
{
    X509Certificate2 Certificate { get; }
}
