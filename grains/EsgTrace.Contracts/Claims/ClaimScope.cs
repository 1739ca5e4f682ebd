namespace EsgTrace.Claims;

/// <summary>What a claim is about.</summary>
public enum ClaimScope
{
    /// <summary>One product, over all its production batches.</summary>
    Product,

    /// <summary>One production batch of a product (the draft's single subject).</summary>
    Batch,

    /// <summary>Several products (the draft's subjects): shares by mass balance over all their input lots; a footprint limit must hold for every product.</summary>
    Portfolio,
}
