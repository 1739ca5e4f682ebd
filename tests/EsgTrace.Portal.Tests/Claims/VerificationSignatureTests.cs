using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EsgTrace.Accounts;
using EsgTrace.Portal.Tests.SupplyChain;
using EsgTrace.Signing;
using EsgTrace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Claims;

/// <summary>
/// The public check's signature details (signer certificate, claimed signing time, RFC 3161 timestamp), on the shared
/// portal (no timestamp authority) and on a portal whose Signing:TimestampUrl names a test authority over real HTTP.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class VerificationSignatureTests(PortalFixture portal)
{
    [Fact]
    public async Task Verification_ShowsTheSignerCertificateAndSigningTime_AndNoTimestampWhenNoneIsConfigured()
    {
        var published = await PublishAsync(portal.Host, "vs1");
        var check = await CheckAsync(portal.Host, "vs1");

        var certificate = portal.Host.Services.GetRequiredService<ISigningCertificate>().Certificate;
        Assert.True(check.GetProperty("genuine").GetBoolean(), check.ToString());
        var signature = check.GetProperty("signature");
        var signer = signature.GetProperty("signer");
        Assert.Equal(certificate.Subject, signer.GetProperty("subject").GetString());
        Assert.Equal(certificate.Issuer, signer.GetProperty("issuer").GetString());
        Assert.Equal(certificate.SerialNumber, signer.GetProperty("serialNumber").GetString());
        Assert.Equal(certificate.NotAfter.ToUniversalTime(), signer.GetProperty("notAfter").GetDateTimeOffset().UtcDateTime);
        Assert.Equal(certificate.GetCertHashString(HashAlgorithmName.SHA256), signer.GetProperty("sha256Thumbprint").GetString());
        var publishedAt = DateTimeOffset.Parse(published.GetProperty("steps").EnumerateArray().Last().GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var signedAt = signature.GetProperty("signingTime").GetDateTimeOffset();
        Assert.InRange((publishedAt - signedAt).TotalSeconds, 0, 1); // the signing-time attribute keeps whole seconds
        Assert.Equal(JsonValueKind.Null, signature.GetProperty("timestamp").ValueKind);
    }

    [Fact]
    public async Task WithATimestampUrl_TheProofIsTimestamped_AndAFailingAuthorityPublishesNothing()
    {
        await using var tsa = await TestTimestampAuthority.StartAsync();
        using var directory = new TempDirectory();
        using var host = new PortalHost(directory.Path, new Dictionary<string, string?> { ["Signing:TimestampUrl"] = tsa.Address.ToString() });
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await PublishAsync(host, "vs2");
        var check = await CheckAsync(host, "vs2");

        var timestamp = check.GetProperty("signature").GetProperty("timestamp");
        Assert.True(check.GetProperty("genuine").GetBoolean(), check.ToString());
        Assert.True(timestamp.GetProperty("valid").GetBoolean(), timestamp.ToString());
        Assert.Equal("CN=EsgTrace test TSA, O=EsgTrace tests", timestamp.GetProperty("authority").GetString());
        Assert.Equal(tsa.Certificate.GetCertHashString(HashAlgorithmName.SHA256), timestamp.GetProperty("authorityThumbprint").GetString());
        Assert.InRange(timestamp.GetProperty("time").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Contains(check.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("timestamped", StringComparison.Ordinal));
        Assert.Equal(1, tsa.Requests);

        tsa.Behaviour = TimestampAuthorityBehaviour.HttpError;
        var refused = await PublishAsync(host, "vs3", expectPublished: false);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (HttpStatusCode)refused.GetProperty("status").GetInt32());
        Assert.Contains(tsa.Address.ToString(), refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var anonymous = host.CreateApiClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/verify/vs3-claim/proof.pdf")).StatusCode);
    }

    [Fact]
    public async Task HostileUploads_GetTheNormalVerdict_NeverA5xx()
    {
        await PublishAsync(portal.Host, "vs4");
        var anonymous = portal.Host.CreateApiClient();
        var proof = await anonymous.GetByteArrayAsync("/verify/vs4-claim/proof.pdf");
        var text = System.Text.Encoding.Latin1.GetString(proof);
        var signature = System.Text.RegularExpressions.Regex.Matches(text, @"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")[^1];
        string WithRange(string range) => text[..signature.Index] + "/ByteRange [" + range + "]" + text[(signature.Index + signature.Length)..];
        var random = new Random(20261124);
        var uploads = new Dictionary<string, byte[]>
        {
            ["huge /ByteRange"] = System.Text.Encoding.Latin1.GetBytes(WithRange("0 99999999999999999999999999 1 2")),
            ["/ByteRange past the end"] = System.Text.Encoding.Latin1.GetBytes(WithRange($"0 {proof.Length * 2} {proof.Length * 3} 5")),
            ["overlapping /ByteRange"] = System.Text.Encoding.Latin1.GetBytes(WithRange("0 900 100 5")),
            ["negative /ByteRange"] = System.Text.Encoding.Latin1.GetBytes(WithRange("0 -5 100 5")),
            ["no signature"] = System.Text.Encoding.Latin1.GetBytes(text.Replace("/ByteRange", "/ByteRangX", StringComparison.Ordinal)),
            ["duplicated signature"] = [.. proof, .. System.Text.Encoding.Latin1.GetBytes("\n" + text[signature.Index..(text.IndexOf('>', signature.Index) + 1)] + "\n")],
            ["truncated"] = proof[..(proof.Length / 2)],
            ["flipped bytes"] = [.. proof.Select(b => random.Next(200) == 0 ? (byte)(b ^ 0x5A) : b)],
        };

        foreach (var (name, upload) in uploads)
        {
            using var content = new ByteArrayContent(upload);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            var response = await anonymous.PostAsync("/verify/vs4-claim/check", content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {(int)response.StatusCode} {body}");
            var check = await response.ReadJsonAsync();
            Assert.False(check.GetProperty("genuine").GetBoolean(), name);
            Assert.Contains(check.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("not the proof issued", StringComparison.Ordinal));
        }
    }

    /// <summary>Records the test chain under <paramref name="p"/> and takes a 1.1 kg CO2e claim through to publication; returns the publish answer.</summary>
    private static async Task<JsonElement> PublishAsync(PortalHost host, string p, bool expectPublished = true)
    {
        var supply = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.SupplyChain));
        var marketing = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.Marketing));
        var auditor = host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(host, Role.Auditor));
        var (tee, _) = await SupplyChainApiTests.RecordChainAsync(supply, p);
        var draft = new { productId = tee, type = "footprint-at-most", threshold = 1.1m, wording = "Cradle-to-gate footprint of at most 1.1 kg CO2e per T-shirt", validUntil = "2030-12-31" };
        Assert.True((await marketing.PutAsJsonAsync($"/api/claims/{p}-claim", draft)).IsSuccessStatusCode);
        Assert.True((await marketing.PostAsync($"/api/claims/{p}-claim/verify", null)).IsSuccessStatusCode);
        Assert.True((await auditor.PostAsync($"/api/claims/{p}-claim/approve", null)).IsSuccessStatusCode);
        var publish = await marketing.PostAsync($"/api/claims/{p}-claim/publish", null);
        Assert.True(publish.IsSuccessStatusCode == expectPublished, $"publish answered {(int)publish.StatusCode}: {await publish.Content.ReadAsStringAsync()}");
        return await publish.ReadJsonAsync();
    }

    private static async Task<JsonElement> CheckAsync(PortalHost host, string p)
    {
        var anonymous = host.CreateApiClient();
        var proof = await anonymous.GetByteArrayAsync($"/verify/{p}-claim/proof.pdf");
        using var content = new ByteArrayContent(proof);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        var response = await anonymous.PostAsync($"/verify/{p}-claim/check", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }
}
