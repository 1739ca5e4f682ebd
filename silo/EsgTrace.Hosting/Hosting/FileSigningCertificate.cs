using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EsgTrace.Signing;

namespace EsgTrace.Hosting;

/// <summary>
/// Loads the signing certificate from the configured PFX; without one, generates a self-signed RSA 2048 certificate on
/// first use and keeps it (owner-readable only) under the data directory, so proofs signed before a restart still verify.
/// </summary>
public sealed class FileSigningCertificate(SigningOptions options, string dataDirectory) : ISigningCertificate
{
    private readonly Lazy<X509Certificate2> _certificate = new(() => Load(options, dataDirectory));

    public X509Certificate2 Certificate => _certificate.Value;

    private static X509Certificate2 Load(SigningOptions options, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(options.PfxPath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.PfxPath, options.PfxPassword);
        }

        var path = Path.Combine(dataDirectory, "signing", "esgtrace-signing.pfx");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=EsgTrace proof signing (self-signed), O=EsgTrace", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
            var now = DateTimeOffset.UtcNow;
            using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
            var temporary = path + ".tmp";
            File.WriteAllBytes(temporary, created.Export(X509ContentType.Pfx));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.Exportable);
    }
}
