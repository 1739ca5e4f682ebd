using System.Net.Http.Json;

namespace EsgTrace.Testing;

/// <summary>
/// A small supply chain recorded through the real HTTP API, with a footprint worked out by hand: farm (cotton lot C, GOTS)
/// → mill (fabric lot F from C, GOTS) → road 400 km and sea 15,000 km → a T-shirt made in Germany from 200 g of that
/// fabric with 0.5 kWh of process energy. Its footprint is 1.0189744 kg CO2e per piece (the arithmetic is in the tests
/// that use it); every further road shipment of F over d km adds 0.0002 t × d km × 0.14993 per piece.
/// </summary>
public static class TestSupplyChain
{
    /// <summary>kg CO2e per tonne-km of the starter set's road factor (Defra/DECC 2012 Annex 7 Table 7e, HGV average).</summary>
    public const decimal RoadKgPerTonneKm = 0.14993m;

    /// <summary>The T-shirt's footprint per piece as recorded by <see cref="RecordAsync"/>.</summary>
    public const decimal TeeKgCo2e = 1.0189744m;

    /// <summary>Tonnes of fabric per T-shirt (200 g).</summary>
    public const decimal FabricTonnesPerTee = 0.0002m;

    public static async Task<(string Tee, string Fabric)> RecordAsync(HttpClient api, string p)
    {
        await EnsureOk(api.PutAsJsonAsync($"/api/suppliers/{p}-farm", new { name = "Kaveri Organic Farm", country = "IN", tier = 4 }));
        await EnsureOk(api.PutAsJsonAsync($"/api/suppliers/{p}-mill", new { name = "Tiruppur Weaving Mill", country = "IN", tier = 2, gln = "4012345000009" }));
        await EnsureOk(api.PostAsJsonAsync($"/api/suppliers/{p}-farm/certificates", new { scheme = "GOTS", number = "CU-1001", validFrom = "2026-01-01", validTo = "2026-12-31" }));
        await EnsureOk(api.PostAsJsonAsync($"/api/suppliers/{p}-mill/certificates", new { scheme = "GOTS", number = "CU-3003", validFrom = "2026-01-01", validTo = "2026-12-31", evidenceBase64 = Convert.ToBase64String("%PDF-1.7 GOTS certificate"u8.ToArray()), evidenceContentType = "application/pdf" }));
        await EnsureOk(api.PutAsJsonAsync($"/api/lots/{p}-C", Lot(p, "organic cotton fibre", 1000, "kg", "farm", 1.5m, [])));
        await EnsureOk(api.PutAsJsonAsync($"/api/lots/{p}-F", Lot(p, "cotton fabric", 0.8m, "t", "mill", 4.0m, [$"{p}-C"])));
        await EnsureOk(api.PutAsJsonAsync($"/api/shipments/{p}-S0", Shipment($"{p}-C", "road", 120, "km", "2026-02-01T07:00:00+05:30", "2026-02-01T12:00:00+05:30")));
        await EnsureOk(api.PutAsJsonAsync($"/api/shipments/{p}-S1", Shipment($"{p}-F", "road", 400, "km", "2026-03-02T08:00:00+05:30", "2026-03-02T20:00:00+05:30")));
        await EnsureOk(api.PutAsJsonAsync($"/api/shipments/{p}-S2", Shipment($"{p}-F", "sea", 15000, "km", "2026-03-05T10:00:00+05:30", "2026-04-01T09:00:00+02:00")));
        await EnsureOk(api.PutAsJsonAsync($"/api/products/{p}-tee", new
        {
            name = "Organic tee",
            gtin = "4006381333931",
            declaredUnit = "1 piece",
            bom = new[] { new { kind = "material", @ref = "cotton fabric", quantity = 200m, unit = "g" } },
            processEnergy = 0.5m,
            processEnergyUnit = "kWh",
            gridFactorId = "grid.DE",
        }));
        await EnsureOk(api.PutAsJsonAsync($"/api/batches/{p}-B1", new { productId = $"{p}-tee", inputLotIds = new[] { $"{p}-F" }, quantity = 4000, producedAt = "2026-04-10T08:00:00+02:00" }));
        return ($"{p}-tee", $"{p}-F");
    }

    public static object Lot(string p, string material, decimal quantity, string unit, string supplier, decimal kgPerKg, string[] inputs) => new
    {
        material,
        quantity,
        unit,
        supplierId = $"{p}-{supplier}",
        originCountry = "IN",
        certificationScheme = "GOTS",
        recycledShare = 0m,
        factor = new { kind = "primary", kgCo2ePerUnit = kgPerKg, perUnit = "kg", source = "supplier PCF 2026 (test data)" },
        inputLotIds = inputs,
    };

    public static object Shipment(string lot, string mode, decimal distance, string unit, string departed, string arrived) => new
    {
        lotIds = new[] { lot },
        from = "A",
        to = "B",
        mode,
        distance,
        distanceUnit = unit,
        mass = 800m,
        massUnit = "kg",
        departedAt = departed,
        arrivedAt = arrived,
    };

    private static async Task EnsureOk(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
