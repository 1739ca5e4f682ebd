using EsgTrace.Units;

namespace EsgTrace.Footprints;

/// <summary>
/// Where one BOM occurrence's terms sit in a footprint's list: a material (by source id) met by a line of
/// <see cref="QuantityPerUnit"/> at <see cref="Scale"/> units of its parent per top unit and sub-product path, or (no
/// material) a product's process energy. Its terms are <see cref="Count"/> from <see cref="Start"/>.
/// </summary>
public sealed record TermSegment(string? MaterialId, Quantity QuantityPerUnit, decimal Scale, string Path, int Start, int Count);
