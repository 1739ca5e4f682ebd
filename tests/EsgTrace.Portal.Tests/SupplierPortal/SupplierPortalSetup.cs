using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace EsgTrace.Portal.Tests.SupplierPortal;

/// <summary>Records what the supplier-portal tests work on, through the supply chain's own API.</summary>
internal static class SupplierPortalSetup
{
    /// <summary>
    /// A supplier, its lot of 1,000 kg of a material of its own at its mill (primary factor 2 kg CO2e/kg, the brand's
    /// estimate), a product of 0.5 kg of that material per piece with a batch of 100 pieces from the lot, and a footprint
    /// request for the lot. Footprint before any answer: 0.5 kg × 2 kg CO2e/kg = 1.0 kg CO2e per piece (no transport, no energy).
    /// </summary>
    public static async Task<Chain> RecordAsync(HttpClient supply, string tag)
    {
        var chain = new Chain($"sp-{tag}", $"sp-{tag}-lot", $"fibre {tag}", $"sp-{tag}-product", $"sp-{tag}-req");
        await Ok(supply.PutAsJsonAsync($"/api/suppliers/{chain.Supplier}", new { name = $"Spinner {tag}", country = "PT", tier = 1 }));
        await Ok(supply.PutAsJsonAsync($"/api/lots/{chain.Lot}", new
        {
            material = chain.Material, quantity = 1000m, unit = "kg", supplierId = chain.Supplier, originCountry = "PT", recycledShare = 0m, site = $"mill {tag}",
            factor = new { kind = "primary", kgCo2ePerUnit = 2m, perUnit = "kg", source = "brand estimate" }, inputLotIds = Array.Empty<string>(),
        }));
        await Ok(supply.PutAsJsonAsync($"/api/products/{chain.Product}", new { name = $"Scarf {tag}", declaredUnit = "1 piece", bom = new[] { new { kind = "material", @ref = chain.Material, quantity = 0.5m, unit = "kg" } } }));
        await Ok(supply.PutAsJsonAsync($"/api/batches/{chain.Product}-B1", new { productId = chain.Product, inputLotIds = new[] { chain.Lot }, quantity = 100m, producedAt = "2026-05-20T08:00:00+01:00" }));
        await Ok(supply.PutAsJsonAsync($"/api/supplier-requests/{chain.Request}", new { kind = "footprint", supplierId = chain.Supplier, lotId = chain.Lot, message = $"Your PCF of lot {chain.Lot}, please." }));
        return chain;
    }

    /// <summary>A PACT v3-shaped footprint answer: 7.5 kg CO2e (excl. biogenic uptake) per 4 pieces weighing 2.5 kg, so 3 kg CO2e per kg.</summary>
    public static object Footprint(string id, string? documentBase64 = null) => new
    {
        id,
        declaredUnitOfMeasurement = "piece",
        declaredUnitAmount = "4",
        productMassPerDeclaredUnit = "2.5",
        pcfExcludingBiogenicUptake = "7.5",
        pcfIncludingBiogenicUptake = "6.9",
        referencePeriodStart = "2025-01-01T00:00:00Z",
        referencePeriodEnd = "2026-01-01T00:00:00Z",
        documentBase64,
        documentContentType = documentBase64 is null ? null : "application/json",
    };

    public static async Task<decimal> FootprintAsync(HttpClient api, string product)
        => (await Json(api.GetAsync($"/api/products/{product}/footprint"))).GetProperty("totalKgCo2e").GetDecimal();

    public static async Task<JsonElement> Json(Task<HttpResponseMessage> call) => JsonDocument.Parse(await Ok(call)).RootElement.Clone();

    public static async Task<string> Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Today's audit records (every page), as (actor, action, subject, detail).</summary>
    public static async Task<List<(string Actor, string Action, string Subject, string? Detail)>> AuditAsync(HttpClient auditor)
    {
        var records = new List<(string, string, string, string?)>();
        string? after = null;
        do
        {
            var page = await Json(auditor.GetAsync("/api/audit?pageSize=500" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after))));
            foreach (var r in page.GetProperty("records").EnumerateArray())
            {
                records.Add((r.GetProperty("actor").GetString()!, r.GetProperty("action").GetString()!, r.GetProperty("subject").GetString()!, r.TryGetProperty("detail", out var d) ? d.GetString() : null));
            }

            after = page.TryGetProperty("nextAfterKey", out var next) ? next.GetString() : null;
        }
        while (after is not null);
        return records;
    }

    public sealed record Chain(string Supplier, string Lot, string Material, string Product, string Request);
}
