using EsgTrace.Accounts;

namespace EsgTrace.SupplyChain;

/// <summary>Read-only, paged listings of supply-chain records from their indexes.</summary>
[Alias("esg.ISupplyChainDirectoryGrain")]
public interface ISupplyChainDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<Page<T>> List<T>(string index, string partition, string? after, int pageSize);

    /// <summary>The record an identifier index (lots by EPC, products by GTIN, PACT footprints by id) points at, or null.</summary>
    [Alias("Find")]
    Task<string?> Find(string index, string key);
}
