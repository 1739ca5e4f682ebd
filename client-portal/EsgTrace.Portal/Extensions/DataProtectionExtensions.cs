using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace EsgTrace.Portal.Extensions;

/// <summary>
/// The keys that protect sign-in cookies, anti-forgery tokens and PACT bearer tokens: kept with the data, so sign-ins
/// survive a restart (several portals behind one address share one folder, <c>DataProtection:KeysDirectory</c>), and
/// encrypted at rest with a certificate when one is configured (<c>DataProtection:CertificatePath</c> + <c>Password</c>).
/// Without one they are stored in the clear, readable by this account only (see <see cref="DataDirectoryPermissions"/>),
/// and the start says so once, in our words, instead of ASP.NET Core's "No XML encryptor configured" warning.
/// </summary>
public static partial class DataProtectionExtensions
{
    public const string Section = "DataProtection";

    public static WebApplicationBuilder AddEsgTraceDataProtection(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var keys = KeysDirectory(configuration);
        var protection = builder.Services.AddDataProtection().SetApplicationName("esgtrace").PersistKeysToFileSystem(new DirectoryInfo(keys));
        if (configuration[$"{Section}:CertificatePath"] is { Length: > 0 } path)
        {
            // The certificate also decrypts (ProtectKeysWithCertificate registers it for unprotecting), so no store is needed.
            protection.ProtectKeysWithCertificate(Load(path, configuration[$"{Section}:CertificatePassword"]));
        }
        else
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
            builder.Services.AddHostedService(sp => new UnencryptedKeysNotice(sp.GetRequiredService<ILogger<UnencryptedKeysNotice>>(), keys));
        }

        return builder;
    }

    /// <summary>Where the keys are kept: <c>DataProtection:KeysDirectory</c>, else <c>&lt;data&gt;/keys</c>.</summary>
    public static string KeysDirectory(IConfiguration configuration)
        => Path.GetFullPath(configuration[$"{Section}:KeysDirectory"] ?? Path.Combine(OrleansHostingExtensions.DataDirectory(configuration), "keys"));

    private static X509Certificate2 Load(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw OrleansHostingExtensions.StartupError($"{Section}:CertificatePath '{path}' could not be read as a PKCS#12 (.pfx) file with {Section}:CertificatePassword: {e.Message}", e);
        }

        return certificate.HasPrivateKey && certificate.GetRSAPrivateKey() is not null
            ? certificate
            : throw OrleansHostingExtensions.StartupError($"{Section}:CertificatePath '{path}' has no RSA private key; the keys are encrypted and decrypted with it.");
    }

    private sealed partial class UnencryptedKeysNotice(ILogger<UnencryptedKeysNotice> logger, string keys) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogUnencrypted(logger, keys, Section);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "Data-protection keys (sign-in cookies, anti-forgery and PACT tokens) are stored unencrypted in {Keys}, readable by this account only; set {Section}:CertificatePath and {Section}:CertificatePassword (a .pfx with an RSA key) to encrypt them at rest.")]
        private static partial void LogUnencrypted(ILogger logger, string keys, string section);
    }
}
