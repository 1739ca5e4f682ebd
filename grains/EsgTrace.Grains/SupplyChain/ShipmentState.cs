using EsgTrace.EventSourcing;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>Snapshot of a shipment. <see cref="LegsPending"/> is set until every lot has been told of its leg.</summary>
public sealed class ShipmentState : IEventSourcedState
{
    public long Version { get; set; }

    public ShipmentInput? Shipment { get; set; }

    public long? CorrectedVersion { get; set; }

    public bool LegsPending { get; set; }

    /// <summary>When the shipment was first recorded: its lots' ledger entries keep this time through corrections.</summary>
    public Instant RecordedAt { get; set; }

    /// <summary>Lots this shipment took more of than their origin held (only captured facts are recorded so).</summary>
    public List<string> OverdrawnLots { get; set; } = [];

    public string? WithdrawnReason { get; set; }

    public Instant UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public static void Apply(ShipmentState state, ShipmentEvent e, long version)
    {
        switch (e)
        {
            case ShipmentRecorded r:
                state.Shipment = r.Shipment;
                state.RecordedAt = r.At;
                break;
            case ShipmentCorrected c:
                state.Shipment = c.Shipment;
                state.CorrectedVersion = version;
                break;
            case ShipmentWithdrawn w:
                state.WithdrawnReason = w.Reason;
                break;
        }

        state.LegsPending = state.WithdrawnReason is null;
        state.UpdatedAt = e.At;
        state.UpdatedBy = e.Actor;
    }
}
