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

    /// <summary>One IT workload (the draft's <c>ProductId</c> is the workload id): for IT emission claims.</summary>
    Workload,

    /// <summary>Several IT workloads with one functional unit (the draft's subjects; <c>ProductId</c> names the group): for IT emission claims.</summary>
    WorkloadGroup,
}
