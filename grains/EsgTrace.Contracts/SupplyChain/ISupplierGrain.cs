using EsgTrace.Domain;

namespace EsgTrace.SupplyChain;

/// <summary>A supplier, keyed by a client-chosen id (its GLN where it has one).</summary>
[Alias("esg.ISupplierGrain")]
public interface ISupplierGrain : IGrainWithStringKey
{
    /// <summary>Registers the supplier; repeating the same registration is a no-op, a different one is a conflict.</summary>
    [Alias("Register")]
    Task<Outcome<SupplierView>> Register(SupplierInput input, string actor);

    [Alias("Edit")]
    Task<Outcome<SupplierView>> Edit(SupplierInput input, string? reason, string actor);

    [Alias("AddCertificate")]
    Task<Outcome<SupplierView>> AddCertificate(CertificateInput input, string actor);

    [Alias("Get")]
    Task<SupplierView?> Get();

    /// <summary>The supplier, and from now on <paramref name="productId"/>'s figures are told when it changes.</summary>
    [Alias("GetWatched")]
    Task<SupplierView?> GetWatched(string productId);
}
