using EsgTrace.Domain;
using EsgTrace.Factors;
using EsgTrace.Footprints;
using EsgTrace.SupplyChain;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Portal.Services;

/// <summary>
/// The demo supply chain seeded at first start: organic cotton from a farm in Tamil Nadu through spinning, knitting and
/// cut-and-sew, and recycled polyester fleece shipped from Ningbo, into a T-shirt and a hoodie. Supplier, lot and
/// shipment figures are illustrative (labelled so in every factor's source); transport and grid factors are the starter
/// dataset's published figures.
/// </summary>
public static class DemoSupplyChain
{
    public const string TeeId = "demo-tee";
    public const string HoodieId = "demo-hoodie";
    public const string FabricLotId = "F-2026-101";
    private const string Actor = "system:demo-seed";
    private const string DemoPcf = "Demo data: illustrative supplier PCF, not a published figure";

    public static async Task SeedAsync(SupplyChainService s)
    {
        if (await s.GetProductAsync(TeeId) is not null)
        {
            return;
        }

        await Must(s.SaveSupplierAsync("demo-farm", new("Kaveri Organic Cotton Cooperative", "IN", 4, null), null, Actor));
        await Must(s.SaveSupplierAsync("demo-spinner", new("Coimbatore Spinning Mills", "IN", 3, null), null, Actor));
        await Must(s.SaveSupplierAsync("demo-mill", new("Tiruppur Knit & Dye", "IN", 2, null), null, Actor));
        await Must(s.SaveSupplierAsync("demo-sewer", new("Chennai Apparel Works", "IN", 1, null), null, Actor));
        await Must(s.SaveSupplierAsync("demo-recycler", new("Ningbo Recycled Fibres", "CN", 2, null), null, Actor));
        await Must(s.AddCertificateAsync("demo-farm", Certificate("GOTS", "CU-812345", "2026-01-01", "2026-12-31"), null, null, Actor));
        await Must(s.AddCertificateAsync("demo-spinner", Certificate("GOTS", "CU-812777", "2025-06-01", "2026-05-31"), null, null, Actor));
        await Must(s.AddCertificateAsync("demo-mill", Certificate("GOTS", "CU-813001", "2026-01-01", "2026-12-31"), null, null, Actor));
        await Must(s.AddCertificateAsync("demo-recycler", Certificate("GRS", "GRS-CN-40021", "2025-09-01", "2026-08-31"), null, null, Actor));

        await Must(s.RecordLotAsync("C-2026-001", Lot("organic cotton fibre", 12, "t", "demo-farm", "IN", "Tamil Nadu", "GOTS", 0m, 1.2m, []), Actor));
        await Must(s.RecordLotAsync("Y-2026-014", Lot("organic cotton yarn", 10, "t", "demo-spinner", "IN", "Tamil Nadu", "GOTS", 0m, 2.9m, ["C-2026-001"]), Actor));
        await Must(s.RecordLotAsync(FabricLotId, Lot("cotton jersey", 8, "t", "demo-mill", "IN", "Tamil Nadu", "GOTS", 0m, 6.1m, ["Y-2026-014"]), Actor));
        await Must(s.RecordLotAsync("R-2026-007", Lot("recycled polyester fleece", 3, "t", "demo-recycler", "CN", "Zhejiang", "GRS", 0.85m, 3.2m, []), Actor));

        await Must(s.RecordShipmentAsync("S-2026-0001", Shipment("C-2026-001", "Erode farm gate", "Coimbatore spinning mill", TransportMode.Road, 95, 12, "2026-02-03T07:30:00+05:30", "2026-02-03T11:00:00+05:30"), Actor));
        await Must(s.RecordShipmentAsync("S-2026-0002", Shipment("Y-2026-014", "Coimbatore spinning mill", "Tiruppur knitting mill", TransportMode.Road, 60, 10, "2026-03-01T08:00:00+05:30", "2026-03-01T10:30:00+05:30"), Actor));
        await Must(s.RecordShipmentAsync("S-2026-0003", Shipment(FabricLotId, "Tiruppur knitting mill", "Chennai cut-and-sew", TransportMode.Road, 460, 8, "2026-04-02T06:00:00+05:30", "2026-04-02T16:00:00+05:30"), Actor));
        await Must(s.RecordShipmentAsync("S-2026-0004", Shipment("R-2026-007", "Port of Ningbo", "Port of Chennai", TransportMode.Sea, 6100, 3, "2026-03-15T18:00:00+08:00", "2026-03-29T09:00:00+05:30"), Actor));
        await Must(s.RecordShipmentAsync("S-2026-0005", Shipment("R-2026-007", "Port of Chennai", "Chennai cut-and-sew", TransportMode.Road, 30, 3, "2026-04-10T09:00:00+05:30", "2026-04-10T11:00:00+05:30"), Actor));

        await Must(s.DefineProductAsync(TeeId, new ProductInput("Organic cotton T-shirt", "4006381333931", "1 piece",
            [new BomLineInput(BomLineKind.Material, "cotton jersey", 180, "g")], 0.35m, "kWh", "grid.IN"), Actor));
        await Must(s.DefineProductAsync(HoodieId, new ProductInput("Recycled fleece hoodie", null, "1 piece",
            [new BomLineInput(BomLineKind.Material, "recycled polyester fleece", 420, "g"), new BomLineInput(BomLineKind.Material, "cotton jersey", 60, "g")], 0.9m, "kWh", "grid.IN"), Actor));
        await Must(s.RecordBatchAsync("B-TEE-2026-01", new BatchInput(TeeId, [FabricLotId], 20000, Time("2026-04-20T08:00:00+05:30")), Actor));
        await Must(s.RecordBatchAsync("B-HOOD-2026-01", new BatchInput(HoodieId, ["R-2026-007", FabricLotId], 5000, Time("2026-04-25T08:00:00+05:30")), Actor));
    }

    private static CertificateInput Certificate(string scheme, string number, string from, string to)
        => new(scheme, number, LocalDatePattern.Iso.Parse(from).Value, LocalDatePattern.Iso.Parse(to).Value, null, null);

    private static LotInput Lot(string material, decimal quantity, string unit, string supplier, string country, string region, string scheme, decimal recycled, decimal kgCo2ePerKg, IReadOnlyList<string> inputs)
        => new(material, quantity, unit, supplier, country, region, scheme, recycled, new LotFactorInput(FactorSourceKind.Primary, kgCo2ePerKg, "kg", DemoPcf, null), inputs);

    private static ShipmentInput Shipment(string lot, string from, string to, TransportMode mode, decimal km, decimal tonnes, string departed, string arrived)
        => new([lot], from, to, mode, km, "km", tonnes, "t", Time(departed), Time(arrived));

    private static OffsetDateTime Time(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).Value;

    private static Task Must<T>(Task<Outcome<T>> call) => DemoSeed.Must(call, "the demo supply chain");
}
