using System.Net;
using System.Net.Http.Headers;
using EsgTrace.Accounts;
using EsgTrace.Portal.Auth;
using EsgTrace.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Pact;

/// <summary>
/// PACT v3 conformance cases #9, #10, #11 and #17 (authentication, ListFootprints, GetFootprint and Action Events over
/// plain HTTP): with <c>Pact:RequireHttps</c> on, every PACT endpoint reached over HTTP answers 403 AccessDenied without a
/// token or a data property, even with valid credentials or a valid token (minted here with the portal's own keys,
/// since none can be obtained over HTTP); the same token is good for the API, so it is HTTP that is refused, not it.
/// </summary>
public sealed class PactHttpsTests
{
    [Fact]
    public async Task Cases9_10_11_17_PlainHttpIsRefused_WhenRequireHttpsIsOn()
    {
        using var directory = new TempDirectory();
        using var host = new PortalHost(directory.Path, new Dictionary<string, string?> { ["Pact:RequireHttps"] = "true" });
        var key = await ApiTestSupport.IssueKeyAsync(host, Role.Auditor, "partner over http");
        var keyId = key.Split('_')[1];
        var client = host.CreateApiClient();

        // #9: valid credentials, no token.
        var token = await PactV3Fixture.TokenAsync(client, "/auth/token", keyId, key);
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        var tokenBody = await token.ReadJsonAsync();
        Assert.False(tokenBody.TryGetProperty("access_token", out _));
        Assert.Equal("AccessDenied", tokenBody.GetProperty("code").GetString());

        var valid = PactTokenHandler.Protector(host.Services.GetRequiredService<IDataProtectionProvider>()).Protect(keyId, TimeSpan.FromMinutes(5));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", valid);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/products")).StatusCode);

        // #10, #11, #17 (its body as the suite sends it), and v2 and the discovery document alike.
        foreach (var answer in new[]
        {
            await client.GetAsync("/3/footprints"),
            await client.GetAsync($"/3/footprints/{Guid.NewGuid()}"),
            await PactV3Fixture.PostEventAsync(client, """{"id":"test-run-id-12345","source":"https://webhook.example.com","time":"2023-05-19T13:30:00Z","type":"org.wbcsd.pact.ProductFootprint.PublishedEvent.3","data":{"comment":"Please send PCF data for this year."}}"""),
            await client.GetAsync("/2/footprints"),
            await client.GetAsync("/.well-known/openid-configuration"),
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            var body = await answer.ReadJsonAsync();
            Assert.False(body.TryGetProperty("data", out _));
            Assert.Equal("AccessDenied", body.GetProperty("code").GetString());
        }
    }
}
