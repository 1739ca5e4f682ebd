namespace EsgTrace.Epcis;

/// <summary>
/// A vocabulary element as one captured document describes it (epcisHeader.epcisMasterData), ids canonical and attribute ids
/// expanded. A document that leaves out "attributes" (or "children") keeps what the element had; one that sends them replaces
/// them (an empty list clears them).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.vocabulary-element-in")]
public sealed record VocabularyElementIn(
    string Type,
    string Id,
    string SentId,
    IReadOnlyList<VocabularyAttribute>? Attributes,
    IReadOnlyList<string>? Children);
