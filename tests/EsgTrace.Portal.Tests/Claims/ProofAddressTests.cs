using EsgTrace.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace EsgTrace.Portal.Tests.Claims;

/// <summary>
/// Proofs:PublicBaseUrl decides the proof's QR code and "verify at" address (a portal behind a proxy cannot see its
/// public address), and a value that is no absolute http(s) URL stops the portal at start. Each test runs its own portal.
/// </summary>
public sealed class ProofAddressTests
{
    [Fact]
    public async Task ConfiguredPublicBaseUrl_IsTheProofsAddress_PathBaseIncluded()
    {
        using var directory = new TempDirectory();
        using var host = new PortalHost(directory.Path, new Dictionary<string, string?> { ["Proofs:PublicBaseUrl"] = "https://claims.example.org/esg/" });
        await ClaimWorkflow.PublishAsync(host, "pb");

        var text = await ClaimWorkflow.ProofTextAsync(host.CreateApiClient(), "pb-claim");

        Assert.Equal(["https://claims.example.org/esg/verify/pb-claim"], ProofText.VerifyAtAddresses(text));
    }

    [Theory]
    [InlineData("ftp://claims.example.org")]
    [InlineData("claims.example.org")]
    [InlineData("/esg")]
    public void PublicBaseUrl_ThatIsNoAbsoluteHttpUrl_StopsThePortalAtStart(string value)
    {
        using var directory = new TempDirectory();

        var error = Record.Exception(() => new PortalHost(directory.Path, new Dictionary<string, string?> { ["Proofs:PublicBaseUrl"] = value }).Dispose());

        var invalid = Assert.IsType<OptionsValidationException>(error is AggregateException { InnerExceptions: [var inner] } ? inner : error);
        Assert.Contains("Proofs:PublicBaseUrl must be an absolute http or https URL", invalid.Message, StringComparison.Ordinal);
    }
}
