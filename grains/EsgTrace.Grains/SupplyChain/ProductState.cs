using EsgTrace.EventSourcing;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>Snapshot of a product: its current definition.</summary>
public sealed class ProductState : IEventSourcedState
{
    public long Version { get; set; }

    public ProductInput? Product { get; set; }

    public Instant UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public static void Apply(ProductState state, ProductEvent e, long version)
    {
        if (e is ProductDefined defined)
        {
            state.Product = defined.Product;
        }

        state.UpdatedAt = e.At;
        state.UpdatedBy = e.Actor;
    }
}

/// <summary>Snapshot of a production batch.</summary>
public sealed class BatchState : IEventSourcedState
{
    public long Version { get; set; }

    public BatchInput? Batch { get; set; }

    /// <summary>When the batch was recorded: its lots' ledger entries carry this time.</summary>
    public Instant RecordedAt { get; set; }

    public string? WithdrawnReason { get; set; }

    public Instant UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = string.Empty;

    public static void Apply(BatchState state, BatchEvent e, long version)
    {
        if (e is BatchRecorded recorded)
        {
            state.Batch = recorded.Batch;
            state.RecordedAt = recorded.At;
        }
        else if (e is BatchWithdrawn withdrawn)
        {
            state.WithdrawnReason = withdrawn.Reason;
        }

        state.UpdatedAt = e.At;
        state.UpdatedBy = e.Actor;
    }
}
