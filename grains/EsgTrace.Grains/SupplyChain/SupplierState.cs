using EsgTrace.EventSourcing;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>Snapshot of a supplier.</summary>
public sealed class SupplierState : IEventSourcedState
{
    public long Version { get; set; }

    public SupplierInput? Supplier { get; set; }

    public List<CertificateInput> Certificates { get; set; } = [];

    public Instant UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public static void Apply(SupplierState state, SupplierEvent e, long version)
    {
        switch (e)
        {
            case SupplierRegistered r:
                state.Supplier = r.Supplier;
                break;
            case SupplierEdited edited:
                state.Supplier = edited.Supplier;
                break;
            case CertificateAdded added:
                state.Certificates.Add(added.Certificate);
                break;
        }

        state.UpdatedAt = e.At;
        state.UpdatedBy = e.Actor;
    }
}
