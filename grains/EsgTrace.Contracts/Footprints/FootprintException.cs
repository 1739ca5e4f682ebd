namespace EsgTrace.Footprints;

/// <summary>The inputs cannot give a footprint (a BOM cycle, a unit mismatch, a missing product, material or factor); says which.</summary>
public sealed class FootprintException(string message, Exception? inner = null) : Exception(message, inner);
