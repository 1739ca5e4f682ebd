using EsgTrace.Domain;

namespace EsgTrace.SupplyChain;

/// <summary>A product, keyed by its SKU or GTIN.</summary>
[Alias("esg.IProductGrain")]
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>Defines or redefines the product; refuses a BOM that would contain itself.</summary>
    [Alias("Define")]
    Task<Outcome<ProductView>> Define(ProductInput input, string actor);

    [Alias("Get")]
    Task<ProductView?> Get();

    /// <summary>The product, and from now on <paramref name="productId"/>'s figures are told when it changes.</summary>
    [Alias("GetWatched")]
    Task<ProductView?> GetWatched(string productId);
}

/// <summary>A production batch, keyed by a client-chosen batch id.</summary>
[Alias("esg.IProductionBatchGrain")]
public interface IProductionBatchGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the batch; refused (nothing written) when it would consume more of a lot than is there, unless
    /// <paramref name="flagShortfall"/> (a captured EPCIS event: recorded, the lot's balance flagged).
    /// </summary>
    [Alias("Record")]
    Task<Outcome<BatchView>> Record(BatchInput input, string actor, bool flagShortfall = false);

    /// <summary>Withdraws the batch (its source event was declared erroneous): it leaves the product's batches. Idempotent.</summary>
    [Alias("Withdraw")]
    Task Withdraw(string reason, string actor);

    [Alias("Get")]
    Task<BatchView?> Get();
}
