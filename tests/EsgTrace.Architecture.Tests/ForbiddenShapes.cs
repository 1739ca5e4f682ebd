global using Orleans;
using EsgTrace.Storage;

namespace EsgTrace.Architecture.Tests;

/// <summary>Shapes the portal must not have, kept here so the boundary rule is shown to catch them.</summary>
public static class ForbiddenShapes
{
    public static class CaptureThroughBlobStore
    {
        public static Task Capture(IBlobStore blobs, byte[] body) => blobs.PutAsync("epciscaptures", "x.json", body, "application/ld+json");
    }

    public static class ReadsAGrainImplementationHelper
    {
        public static string ListKey(string id, NodaTime.OffsetDateTime departed) => EsgTrace.SupplyChain.ShipmentList.Key(id, departed);
    }

    public static class UsesTheAzureSdk
    {
        public static object Client(string connectionString) => new Azure.Data.Tables.TableServiceClient(connectionString);
    }

    public static class UsesAGrainInterface
    {
        public static Task<EsgTrace.SupplyChain.ShipmentView?> Read(IGrainFactory grains, string id) => grains.GetGrain<EsgTrace.SupplyChain.IShipmentGrain>(id).Get();
    }
}
