namespace EsgTrace.Claims;

/// <summary>The kinds of statement EsgTrace can check against data.</summary>
public enum ClaimType
{
    /// <summary>The product's footprint is at most a limit, in kg CO2e per declared unit.</summary>
    FootprintAtMost,

    /// <summary>The footprint is at least N % below a baseline result with the same method and factor dataset family.</summary>
    FootprintReduction,

    /// <summary>At least N % of the input mass is certified.</summary>
    CertifiedContent,

    /// <summary>At least N % of the input mass is recycled.</summary>
    RecycledContent,

    /// <summary>At least N % of the input mass is traceable to its country of origin.</summary>
    TraceableContent,

    /// <summary>
    /// The IT emissions of a workload or group per functional unit (SCI: ((E × I) + M) per R, kg CO2e) over the latest
    /// twelve months of usage are at most a limit.
    /// </summary>
    ItEmissionsPerUnitAtMost,

    /// <summary>The IT emissions per functional unit over the latest twelve months are at least N % below those of a baseline period.</summary>
    ItEmissionsReduction,
}
