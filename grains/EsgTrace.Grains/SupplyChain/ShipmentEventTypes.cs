using EsgTrace.EventSourcing;

namespace EsgTrace.SupplyChain;

/// <summary>The stored names of a shipment's events (as first written: a name stays once used, whatever the class is called).</summary>
public static class ShipmentEventTypes
{
    public static readonly EventTypes<ShipmentEvent> All = new EventTypes<ShipmentEvent>()
        .Add<ShipmentRecorded>("ShipmentRecorded")
        .Add<ShipmentCorrected>("ShipmentCorrected")
        .Add<ShipmentWithdrawn>("ShipmentWithdrawn");
}
