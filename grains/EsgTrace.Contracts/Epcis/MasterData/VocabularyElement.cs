using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// The current master data of one vocabulary element (a location, a read point, a party, a product class, …): its
/// attributes, the ids of its direct children (the hierarchy WD_ queries follow), and the capture and record time of the
/// version this is. <see cref="Id"/> is the canonical form events are matched by (an SGLN URN and its Digital Link are one
/// location); <see cref="SentId"/> is the id as the latest capture wrote it.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.vocabulary-element")]
public sealed record VocabularyElement(
    string Type,
    string Id,
    string SentId,
    IReadOnlyList<VocabularyAttribute> Attributes,
    IReadOnlyList<string> Children,
    long Version,
    Instant RecordTime,
    string CaptureId)
{
    /// <summary>The element's name (the CBV or GS1 Web Vocabulary name attribute), or null.</summary>
    public string? Name => MasterDataAttributes.NameOf(Attributes);

    public VocabularyAttribute? Attribute(string id) => Attributes.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));
}

/// <summary>One version of a vocabulary element as a capture left it (the element's history).</summary>
[GenerateSerializer, Immutable, Alias("esg.vocabulary-element-version")]
public sealed record VocabularyElementVersion(long Version, Instant RecordTime, string CaptureId, string SentId, IReadOnlyList<VocabularyAttribute> Attributes, IReadOnlyList<string> Children);

/// <summary>A page of the vocabulary elements of one type, in id order; <see cref="Next"/> continues it.</summary>
[GenerateSerializer, Immutable, Alias("esg.vocabulary-page")]
public sealed record VocabularyPage(string Type, IReadOnlyList<VocabularyElement> Elements, string? Next);
