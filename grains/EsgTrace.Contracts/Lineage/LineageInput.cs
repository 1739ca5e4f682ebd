namespace EsgTrace.Lineage;

/// <summary>One input of a computed figure: what kind of record, which one, and the SHA-256 of its content as used.</summary>
[GenerateSerializer, Immutable, Alias("esg.lineage-input")]
public sealed record LineageInput(string Kind, string Id, string Sha256);
