using EsgTrace.Epcis;

namespace EsgTrace.Portal.Services;

/// <summary>The pages' door to master-data names: the name attribute of each location or party id that has master data.</summary>
public sealed class MasterDataNames(IGrainFactory grains)
{
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string?> ids)
    {
        var list = ids.OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return list.Count == 0 ? new Dictionary<string, string>() : await grains.GetGrain<IMasterDataGrain>(0).Names(list);
    }
}
