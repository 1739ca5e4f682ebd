using EsgTrace.EventSourcing;

namespace EsgTrace.SupplierPortal;

/// <summary>The stored names of a supplier request's events (a name stays once used, whatever the class is called).</summary>
public static class SupplierRequestEventTypes
{
    public static readonly EventTypes<SupplierRequestEvent> All = new EventTypes<SupplierRequestEvent>()
        .Add<SupplierRequestCreated>("SupplierRequestCreated")
        .Add<SupplierRequestAnswered>("SupplierRequestAnswered")
        .Add<SupplierAnswerAccepted>("SupplierAnswerAccepted")
        .Add<SupplierAnswerRejected>("SupplierAnswerRejected");
}
