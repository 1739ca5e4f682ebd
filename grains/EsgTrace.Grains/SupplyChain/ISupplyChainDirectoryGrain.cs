using EsgTrace.Accounts;

namespace EsgTrace.SupplyChain;

/// <summary>Read-only, paged listings of supply-chain records from their indexes.</summary>
[Alias("esg.ISupplyChainDirectoryGrain")]
public interface ISupplyChainDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("List")]
    Task<Page<T>> List<T>(string index, string partition, string? after, int pageSize);
}
