namespace EsgTrace.SupplyChain;

/// <summary>One record a product's figures rest on (for <see cref="RecordKind.Batches"/>, the product whose batch list changed).</summary>
[GenerateSerializer, Immutable, Alias("esg.record-ref")]
public sealed record RecordRef(RecordKind Kind, string Id);
