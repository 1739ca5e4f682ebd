using System.Net;
using System.Net.Http.Json;
using System.Text;
using EsgTrace.Accounts;
using EsgTrace.Pact;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Pact;

/// <summary>
/// The partner registry (PUT /api/admin/pact-partners/{id}): refusals change nothing, the client secret is never shown and
/// not stored in the clear, and a callback owed while the partner answers 503 is retried with back-off and delivered
/// once it answers again (its status visible in /api/pact/deliveries).
/// </summary>
public sealed class PactPartnerRegistryTests(PactV3Fixture f) : IClassFixture<PactV3Fixture>
{
    [Fact]
    public async Task BadRegistrations_AreRefusedWithProblemDetails_AndChangeNothing()
    {
        var before = await (await f.Admin.GetAsync("/api/admin/pact-partners")).Content.ReadAsStringAsync();
        foreach (var (id, body) in new (string, object)[]
        {
            ("p1", new { name = "x", baseUrl = "ftp://partner.example", clientId = "c", clientSecret = "s" }),
            ("p2", new { name = "x", baseUrl = "https://partner.example?x=1", clientId = "c", clientSecret = "s" }),
            ("p3", new { name = "x", baseUrl = "https://partner.example", clientId = "c" }),
            ("p4", new { name = "x", baseUrl = "https://partner.example", clientId = "c", clientSecret = "s", apiKeyId = "not-a-key-id" }),
            ("p5", new { name = "x", baseUrl = "https://partner.example", clientId = "c", clientSecret = "s", apiKeyId = "0123456789abcdef" }),
            ("bad id!", new { name = "x", baseUrl = "https://partner.example", clientId = "c", clientSecret = "s" }),
            // The conformance partner's key already identifies it: a second partner cannot take it.
            ("p6", new { name = "x", baseUrl = "https://partner.example", clientId = "c", clientSecret = "s", apiKeyId = f.PartnerKey.Split('_')[1] }),
        })
        {
            var refused = await f.Admin.PutAsJsonAsync($"/api/admin/pact-partners/{Uri.EscapeDataString(id)}", body);
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{id}: {refused.StatusCode}");
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(before, await (await f.Admin.GetAsync("/api/admin/pact-partners")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await f.SupplyChain.PutAsJsonAsync("/api/admin/pact-partners/p7", new { name = "x", baseUrl = "https://p.example", clientId = "c", clientSecret = "s" })).StatusCode);
    }

    [Fact]
    public async Task TheClientSecret_IsNeverShown_NorStoredInTheClear()
    {
        var listed = await (await f.Admin.GetAsync("/api/admin/pact-partners")).Content.ReadAsStringAsync();
        Assert.Contains(PactPartnerSite.ClientId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(PactPartnerSite.ClientSecret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", listed, StringComparison.OrdinalIgnoreCase);

        // Every file of the data folder (SQLite database and WAL, blobs, keys): the secret's bytes appear nowhere.
        var needle = Encoding.UTF8.GetBytes(PactPartnerSite.ClientSecret);
        var directory = f.Host.Services.GetRequiredService<IConfiguration>()["Storage:DataDirectory"]!;
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var memory = new MemoryStream())
            {
                await stream.CopyToAsync(memory);
                bytes = memory.ToArray();
            }

            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{file} holds the client secret in the clear");
        }

        // Yet the worker can use it: the partner site issued tokens for it.
        var pact = await f.PactClientAsync(f.PartnerKey);
        Assert.Equal(HttpStatusCode.OK, (await PactV3Fixture.PostEventAsync(pact, $$$"""{"specversion":"1.0","id":"secret-check","source":"s","type":"{{{PactV3.RequestCreated}}}","data":{"productId":["urn:gtin:{{{PactV3Fixture.TeeGtin}}}"]}}""")).StatusCode);
        Assert.Single(await f.Partner.WaitForAsync(PactV3.RequestFulfilled, "secret-check"));
        Assert.True(f.Partner.TokensIssued >= 1);
    }

    [Fact]
    public async Task ACallbackOwedWhileThePartnerFails_IsRetriedWithBackOff_AndDeliveredWhenItAnswers()
    {
        var pact = await f.PactClientAsync(f.PartnerKey);
        f.Partner.Down = true;
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await PactV3Fixture.PostEventAsync(pact, $$$"""{"specversion":"1.0","id":"while-down","source":"s","type":"{{{PactV3.RequestCreated}}}","data":{"productId":["urn:gtin:{{{PactV3Fixture.TeeGtin}}}"]}}""")).StatusCode);
            var failing = await RowAsync(r => r.GetProperty("item").GetProperty("payload").GetString()!.Contains("while-down", StringComparison.Ordinal) && r.GetProperty("item").GetProperty("attempts").GetInt32() >= 2);
            Assert.Equal("pending", failing.GetProperty("item").GetProperty("status").GetString());
            Assert.StartsWith("503", failing.GetProperty("item").GetProperty("lastOutcome").GetString(), StringComparison.Ordinal);
            Assert.Empty(await f.Partner.WaitForAsync(PactV3.RequestFulfilled, "while-down", atLeast: 0));
        }
        finally
        {
            f.Partner.Down = false;
        }

        var delivered = Assert.Single(await f.Partner.WaitForAsync(PactV3.RequestFulfilled, "while-down"));
        var done = await RowAsync(r => r.GetProperty("item").GetProperty("id").GetString() == delivered.GetProperty("id").GetString() && r.GetProperty("item").GetProperty("status").GetString() == "done");
        Assert.True(done.GetProperty("item").GetProperty("attempts").GetInt32() >= 3);
    }

    private async Task<System.Text.Json.JsonElement> RowAsync(Func<System.Text.Json.JsonElement, bool> match)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var rows = (await (await f.SupplyChain.GetAsync("/api/pact/deliveries")).ReadJsonAsync()).GetProperty("items").EnumerateArray().Where(match).ToList();
            if (rows.Count > 0)
            {
                return rows[0].Clone();
            }

            Assert.True(DateTime.UtcNow < until, "the delivery never showed as expected");
            await Task.Delay(100);
        }
    }
}
