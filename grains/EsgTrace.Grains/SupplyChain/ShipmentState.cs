using EsgTrace.EventSourcing;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>A shipment as its events give it (folded from its short log on activation; there is no snapshot).</summary>
public sealed class ShipmentState : IEventSourcedState
{
    public long Version { get; set; }

    public ShipmentInput? Shipment { get; set; }

    public long? CorrectedVersion { get; set; }

    /// <summary>When the shipment was first recorded: its lots' ledger entries keep this time through corrections.</summary>
    public Instant RecordedAt { get; set; }

    /// <summary>Lots this shipment took more of than their origin held (only captured facts are recorded so).</summary>
    public List<string> OverdrawnLots { get; set; } = [];

    /// <summary>False for events from before they named <see cref="OverdrawnLots"/>: the lots' ledger entries say then.</summary>
    public bool OverdrawnLotsKnown { get; set; }

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
                state.OverdrawnLots = r.OverdrawnLots?.ToList() ?? [];
                state.OverdrawnLotsKnown = r.OverdrawnLots is not null;
                break;
            case ShipmentCorrected c:
                state.Shipment = c.Shipment;
                state.CorrectedVersion = version;
                state.OverdrawnLots = c.OverdrawnLots?.ToList() ?? [];
                state.OverdrawnLotsKnown = c.OverdrawnLots is not null;
                break;
            case ShipmentWithdrawn w:
                state.WithdrawnReason = w.Reason;
                break;
        }

        state.UpdatedAt = e.At;
        state.UpdatedBy = e.Actor;
    }
}
