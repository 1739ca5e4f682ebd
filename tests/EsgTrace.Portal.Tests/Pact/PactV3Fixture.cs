using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Portal.Tests.Pact;

/// <summary>
/// A portal of its own for the PACT v3 conformance cases (products made in PT, a short retry) with the chain of
/// <see cref="TestSupplyChain"/> (the tee, GTIN 4006381333931, batch 2026-04-10) plus a bag made of the same fabric
/// (batch 2026-05-20), and a partner site registered as the partner whose API key the tests call with.
/// </summary>
public sealed class PactV3Fixture : IAsyncLifetime
{
    public const string Prefix = "v3";
    public const string TeeGtin = "4006381333931";
    public const string CompanyId = "urn:uuid:5b1e2c1d-9d7a-4c1e-8f5e-0e57ace0d001";
    private readonly TempDirectory _directory = new();

    public PortalHost Host { get; private set; } = null!;

    public PactPartnerSite Partner { get; private set; } = null!;

    /// <summary>The API key the partner calls us with (role auditor).</summary>
    public string PartnerKey { get; private set; } = null!;

    public HttpClient SupplyChain { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public string Tee => $"{Prefix}-tee";

    public string Bag => $"{Prefix}-bag";

    public async Task InitializeAsync()
    {
        Host = new PortalHost(_directory.Path, new Dictionary<string, string?>
        {
            ["Demo:SeedSupplyChain"] = "false",
            ["Pact:GeographyCountry"] = "PT",
            ["Pact:PollSeconds"] = "0.2",
            ["Pact:RetryBaseSeconds"] = "0.2",
            ["Pact:RetryMaxSeconds"] = "1",
        });
        Partner = await PactPartnerSite.StartAsync();
        SupplyChain = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.SupplyChain));
        Admin = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.Admin));
        PartnerKey = await ApiTestSupport.IssueKeyAsync(Host, Role.Auditor, "conformance partner");
        await TestSupplyChain.RecordAsync(SupplyChain, Prefix);
        await Ok(SupplyChain.PutAsJsonAsync($"/api/products/{Bag}", new
        {
            name = "Organic tote bag",
            declaredUnit = "1 piece",
            bom = new[] { new { kind = "material", @ref = "cotton fabric", quantity = 500m, unit = "g" } },
            processEnergy = 1m,
            processEnergyUnit = "kWh",
            gridFactorId = "grid.DE",
        }));
        await Ok(SupplyChain.PutAsJsonAsync($"/api/batches/{Prefix}-B2", new { productId = Bag, inputLotIds = new[] { $"{Prefix}-F" }, quantity = 100, producedAt = "2026-05-20T08:00:00+02:00" }));
        await Ok(Admin.PutAsJsonAsync("/api/admin/pact-partners/conformance", new
        {
            name = "PACT conformance service (test site)",
            apiKeyId = PartnerKey.Split('_')[1],
            baseUrl = Partner.Address.AbsoluteUri,
            clientId = PactPartnerSite.ClientId,
            clientSecret = PactPartnerSite.ClientSecret,
        }));
    }

    /// <summary>A client with a PACT bearer token obtained from /auth/token with the API key's credentials.</summary>
    public async Task<HttpClient> PactClientAsync(string key)
    {
        var client = Host.CreateApiClient();
        var token = await TokenAsync(client, "/auth/token", key.Split('_')[1], key);
        token.EnsureSuccessStatusCode();
        var body = await token.ReadJsonAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        return client;
    }

    public static Task<HttpResponseMessage> TokenAsync(HttpClient client, string endpoint, string id, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostEventAsync(HttpClient client, string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/cloudevents+json; charset=UTF-8");
        return client.PostAsync("/3/events", content);
    }

    public static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task DisposeAsync()
    {
        await Partner.DisposeAsync();
        Host.Dispose();
        _directory.Dispose();
    }
}
