namespace EsgTrace.Factors;

/// <summary>Where an emission factor comes from: the supplier's own product carbon footprint, or a published dataset.</summary>
public enum FactorSourceKind
{
    /// <summary>Supplier-specific data (e.g. the supplier's PCF for this material).</summary>
    Primary,

    /// <summary>A published average from a named dataset.</summary>
    Secondary,
}
