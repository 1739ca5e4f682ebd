namespace EsgTrace.Pact;

/// <summary>The PACT footprints issued for one product (key = product id): one per distinct lineage root, never changed once issued but for its status.</summary>
[Alias("esg.IPactFootprintGrain")]
public interface IPactFootprintGrain : IGrainWithStringKey
{
    /// <summary>The product's current footprint document: the one already issued for this lineage root, or a new one that deprecates the previous.</summary>
    [Alias("Issue")]
    Task<string> Issue(string lineageRoot, string body);

    /// <summary>An issued document by its id (status Deprecated once superseded), or null.</summary>
    [Alias("Get")]
    Task<string?> Get(string footprintId);
}
