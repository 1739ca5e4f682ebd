namespace EsgTrace.Pact;

/// <summary>
/// The PACT footprints issued for one product (key = product id): one per distinct lineage root, never changed once
/// issued but for its status. Each is kept in both representations (v2.3 and v3.0 bodies) under one id. Partners that
/// were sent one of them are its subscribers: a newer footprint owes each a PublishedEvent, in the same state write.
/// </summary>
[Alias("esg.IPactFootprintGrain")]
public interface IPactFootprintGrain : IPactWorkHolderGrain
{
    /// <summary>
    /// The product's current footprint document (v2.3): the one already issued for this lineage root, or a new one that
    /// deprecates the previous. <paramref name="eventSource"/> is the CloudEvents source of the Published events it owes.
    /// </summary>
    [Alias("Issue")]
    Task<string> Issue(string lineageRoot, string body, string bodyV3, string eventSource);

    /// <summary>An issued document (v2.3) by its id (status Deprecated once superseded), or null.</summary>
    [Alias("Get")]
    Task<string?> Get(string footprintId);

    /// <summary>An issued document in PACT v3.0 by its id, or null (also when it was issued before v3 bodies were kept).</summary>
    [Alias("GetV3")]
    Task<string?> GetV3(string footprintId);

    /// <summary>Every issued v3.0 document of the product, oldest first (the last is the current one).</summary>
    [Alias("AllV3")]
    Task<IReadOnlyList<string>> AllV3();

    /// <summary>The partner was sent a footprint of this product: newer ones are announced to it (once per partner).</summary>
    [Alias("Subscribe")]
    Task Subscribe(string partnerId);
}
