using EsgTrace.EventSourcing;

namespace EsgTrace.SupplyChain;

/// <summary>The stored names of a product's events (as first written: a name stays once used, whatever the class is called).</summary>
public static class ProductEventTypes
{
    public static readonly EventTypes<ProductEvent> All = new EventTypes<ProductEvent>()
        .Add<ProductDefined>("ProductDefined");
}
