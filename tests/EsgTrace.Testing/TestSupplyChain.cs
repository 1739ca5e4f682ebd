using System.Net.Http.Json;

namespace EsgTrace.Testing;

/// <summary>
/// A small supply chain recorded through the real HTTP API, with a footprint worked out by hand: farm (cotton lot C, 1,000 kg,
/// GOTS; 800 kg of it by road 120 km to the mill) → mill (fabric lot F, 800 kg, made from C, GOTS) → road 400 km to Chennai
/// port → sea 15,000 km to Hamburg port → a T-shirt made from 200 g of that fabric with 0.5 kWh of process energy (batch of
/// 2,000 pieces = 400 kg of F, so 400 kg of F stay at Hamburg port). Its footprint is 1.021853056 kg CO2e per piece:
///   materials  0.2 kg × 4.0                                                   = 0.8
///   road       0.2 kg × (F: 0.8 t × 400 km ÷ 800 kg = 0.4 t.km/kg
///                        + inherited from C: 0.8 t × 120 km ÷ 1000 kg = 0.096) × 0.14993 = 0.2 × 0.496 × 0.14993 = 0.014873056
///   sea        0.2 kg × (0.8 t × 15000 km ÷ 800 kg = 15 t.km/kg) × 0.01266     = 0.03798
///   energy     0.5 kWh × 0.338 (grid.DE)                                       = 0.169
/// A further road shipment of m kg of F over d km adds 0.2 kg × (m ÷ 1000 t × d km ÷ 800 kg) × 0.14993 per piece.
/// </summary>
public static class TestSupplyChain
{
    /// <summary>kg CO2e per tonne-km of the starter set's road factor (Defra/DECC 2012 Annex 7 Table 7e, HGV average).</summary>
    public const decimal RoadKgPerTonneKm = 0.14993m;

    /// <summary>The T-shirt's footprint per piece as recorded by <see cref="RecordAsync"/>.</summary>
    public const decimal TeeKgCo2e = 1.021853056m;

    /// <summary>kg of F at Hamburg port after the chain is recorded (800 arrived, the batch consumed 400).</summary>
    public const decimal FabricKgAtHamburg = 400m;

    /// <summary>kg of fabric lot F.</summary>
    public const decimal FabricLotKg = 800m;

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
        await EnsureOk(api.PutAsJsonAsync($"/api/shipments/{p}-S0", Shipment($"{p}-C", "road", 120, "km", "2026-02-01T07:00:00+05:30", "2026-02-01T12:00:00+05:30", "Kaveri farm", "Tiruppur mill", 800m)));
        await EnsureOk(api.PutAsJsonAsync($"/api/shipments/{p}-S1", S1($"{p}-F")));
        await EnsureOk(api.PutAsJsonAsync($"/api/shipments/{p}-S2", S2($"{p}-F", 15000)));
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
        await EnsureOk(api.PutAsJsonAsync($"/api/batches/{p}-B1", new { productId = $"{p}-tee", inputLotIds = new[] { $"{p}-F" }, quantity = 2000, producedAt = "2026-04-10T08:00:00+02:00" }));
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

    /// <summary>The chain's road shipment of F, mill → Chennai port (800 kg, 400 km).</summary>
    public static object S1(string fabric) => Shipment(fabric, "road", 400, "km", "2026-03-02T08:00:00+05:30", "2026-03-02T20:00:00+05:30", "Tiruppur mill", "Chennai port", 800m);

    /// <summary>The chain's sea shipment of F, Chennai port → Hamburg port (800 kg).</summary>
    public static object S2(string fabric, decimal km) => Shipment(fabric, "sea", km, "km", "2026-03-05T10:00:00+05:30", "2026-04-01T09:00:00+02:00", "Chennai port", "Hamburg port", 800m);

    /// <summary>A shipment of one lot; by default 400 kg onward from Hamburg port (where F is once the chain is recorded).</summary>
    public static object Shipment(string lot, string mode, decimal distance, string unit, string departed, string arrived, string from = "Hamburg port", string to = "Berlin plant", decimal mass = FabricKgAtHamburg) => new
    {
        lotIds = new[] { lot },
        from,
        to,
        mode,
        distance,
        distanceUnit = unit,
        mass,
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
