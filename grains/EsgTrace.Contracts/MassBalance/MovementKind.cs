namespace EsgTrace.MassBalance;

/// <summary>What took mass from a lot at a location: a shipment (moving it on) or a production batch (consuming it).</summary>
public enum MovementKind
{
    Shipment,
    Batch,
}
