using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using EsgTrace.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>
/// Deployment settings, each on a portal of its own: forwarded headers believed only from configured proxies, HTTPS
/// from a configured certificate with HSTS, owner-only data files, data-protection keys encrypted with a certificate.
/// </summary>
public sealed partial class DeploymentTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.9.8.7", false)]
    public async Task ForwardedHttps_MakesTheSignInCookieSecure_OnlyFromAConfiguredProxy(string knownProxy, bool trusted)
    {
        using var data = new TempDirectory();
        using var host = new PortalHost(data.Path, new Dictionary<string, string?> { ["Network:KnownProxies:0"] = knownProxy });
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var forwarded = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-Host"] = "esg.example", ["X-Forwarded-For"] = "203.0.113.7" };

        var (signIn, login) = await SignInAsync(client, forwarded);

        var auth = Assert.Single(SetCookies(signIn), c => c.StartsWith("esgtrace.auth=", StringComparison.Ordinal));
        Assert.Equal(trusted, auth.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        // After the forwarded headers the request is https for a public host name, which is what HSTS is sent for.
        Assert.Equal(trusted, login.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Https_FromAConfiguredCertificate_SendsHsts_AndPlainHttpDoesNot()
    {
        using var data = new TempDirectory();
        using var certificate = SelfSigned("CN=esg.example");
        var pfx = Path.Combine(data.Path, "..", $"{Guid.NewGuid():N}-tls.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "tls password"));
        try
        {
            using var host = new PortalHost(data.Path, new Dictionary<string, string?>
            {
                ["Urls"] = "https://127.0.0.1:0;http://127.0.0.1:0",
                ["Kestrel:Certificates:Default:Path"] = pfx,
                ["Kestrel:Certificates:Default:Password"] = "tls password",
            });
            var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var https = new Uri(addresses.Single(a => a.StartsWith("https:", StringComparison.Ordinal)));
            var http = new Uri(addresses.Single(a => a.StartsWith("http:", StringComparison.Ordinal)));
            X509Certificate2? presented = null;
            using var client = new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) => (presented = cert is null ? null : new X509Certificate2(cert)) is not null && cert!.Thumbprint == certificate.Thumbprint,
            });

            using var overTls = await SendAsync(client, new Uri(https, "/health"));
            using var plain = await SendAsync(client, new Uri(http, "/health"));

            Assert.Equal(certificate.Thumbprint, presented?.Thumbprint);
            Assert.Equal(HttpStatusCode.OK, overTls.StatusCode);
            Assert.StartsWith("max-age=31536000", Assert.Single(overTls.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task DataFiles_AfterAStart_AreTheOwnersAlone()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Unix file modes are checked on Unix; this test runs on the Linux build machines.");
        }

        using var data = new TempDirectory();
        var stray = Path.Combine(data.Path, "left-by-an-older-version.txt");
        await File.WriteAllTextAsync(stray, "old");
        File.SetUnixFileMode(data.Path, (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetUnixFileMode(stray, (UnixFileMode)Convert.ToInt32("644", 8));

        using (var host = new PortalHost(data.Path))
        {
            // A sign-in form makes an anti-forgery token, so the data-protection key ring is written too.
            (await host.CreateApiClient().GetAsync("/account/login")).EnsureSuccessStatusCode();
            await WaitForAsync(() => File.Exists(Path.Combine(data.Path, "demo-credentials.txt")));
            // While it runs, SQLite's -wal and -shm files are there too.
            var running = AssertOwnerOnly(data.Path);
            Assert.Contains(running, n => n.EndsWith("-wal", StringComparison.Ordinal));
            Assert.Contains(running, n => n.EndsWith("-shm", StringComparison.Ordinal));
        }

        var names = AssertOwnerOnly(data.Path);
        Assert.Contains("demo-credentials.txt", names);
        Assert.Contains(Path.GetFileName(stray), names);
        Assert.Contains(names, n => n.StartsWith("keys" + Path.DirectorySeparatorChar, StringComparison.Ordinal) && n.EndsWith(".xml", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith(".db", StringComparison.Ordinal) || n.EndsWith(".sqlite", StringComparison.Ordinal));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, new DirectoryInfo(data.Path).UnixFileMode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data.Path, "demo-credentials.txt")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stray));
        // Without a certificate the keys are in the clear (and the start says so): the control for the next test.
        Assert.Contains("<masterKey", await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(data.Path, "keys"), "*.xml").First()), StringComparison.Ordinal);
    }

    // Every folder and file under the data directory (and itself) has no permission for group or others; returns their paths.
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static List<string> AssertOwnerOnly(string directory)
    {
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Prepend(new DirectoryInfo(directory)).ToList();
        var open = entries.Where(e => (e.UnixFileMode & others) != 0).Select(e => $"{Path.GetRelativePath(directory, e.FullName)} {Convert.ToString((int)e.UnixFileMode, 8)}").ToList();
        Assert.True(open.Count == 0, "readable by others: " + string.Join(", ", open));
        return entries.Select(e => Path.GetRelativePath(directory, e.FullName)).ToList();
    }

    [Fact]
    public async Task DataProtectionKeys_WithACertificate_AreEncryptedAtRest_AndStillWorkAfterARestart()
    {
        using var data = new TempDirectory();
        using var certificate = SelfSigned("CN=esgtrace key encryption");
        var pfx = Path.Combine(data.Path, "..", $"{Guid.NewGuid():N}-keys.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "key password"));
        var settings = new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "key password" };
        try
        {
            string cookie;
            using (var host = new PortalHost(data.Path, settings))
            {
                using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
                var (signIn, _) = await SignInAsync(client, new Dictionary<string, string>());
                cookie = Assert.Single(SetCookies(signIn), c => c.StartsWith("esgtrace.auth=", StringComparison.Ordinal)).Split(';')[0];
            }

            var keys = Directory.GetFiles(Path.Combine(data.Path, "keys"), "*.xml");
            Assert.NotEmpty(keys);
            foreach (var key in keys)
            {
                var xml = await File.ReadAllTextAsync(key);
                Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            }

            // The encrypted key still reads back (the certificate decrypts it): the sign-in survives a restart.
            using var again = new PortalHost(data.Path, settings);
            using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            me.Headers.Add("Cookie", cookie);
            using var answer = await again.CreateApiClient().SendAsync(me);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("esg.example");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        // HSTS is never sent for localhost or a loopback address (browsers would apply it to every local site).
        request.Headers.Host = "esg.example:" + url.Port;
        return client.SendAsync(request);
    }

    /// <summary>Signs in with the sign-in form as a browser would, cookies carried by hand (Secure ones too, over http).</summary>
    private static async Task<(HttpResponseMessage SignIn, HttpResponseMessage Form)> SignInAsync(HttpClient client, IReadOnlyDictionary<string, string> headers)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        foreach (var (name, value) in headers)
        {
            get.Headers.Add(name, value);
        }

        var form = await client.SendAsync(get);
        var html = await form.Content.ReadAsStringAsync();
        var token = Token().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no anti-forgery token in the sign-in page");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "sign-in",
                ["__RequestVerificationToken"] = token,
                ["Input.Username"] = "admin",
                ["Input.Password"] = PortalHost.DemoPassword,
            }),
        };
        foreach (var (name, value) in headers)
        {
            post.Headers.Add(name, value);
        }

        post.Headers.Add("Cookie", string.Join("; ", SetCookies(form).Select(c => c.Split(';')[0])));
        var signIn = await client.SendAsync(post);
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"sign-in answered {(int)signIn.StatusCode}: {await signIn.Content.ReadAsStringAsync()}");
        return (signIn, form);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response)
        => response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
