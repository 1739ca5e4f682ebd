using EsgTrace.EventSourcing;

namespace EsgTrace.SupplyChain;

/// <summary>The stored names of a supplier's events (as first written: a name stays once used, whatever the class is called).</summary>
public static class SupplierEventTypes
{
    public static readonly EventTypes<SupplierEvent> All = new EventTypes<SupplierEvent>()
        .Add<SupplierRegistered>("SupplierRegistered")
        .Add<SupplierEdited>("SupplierEdited")
        .Add<CertificateAdded>("CertificateAdded");
}
