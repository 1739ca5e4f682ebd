using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// The master data of one vocabulary element, keyed <see cref="VocabularyKeys.Grain"/> (type and canonical id), event-sourced:
/// each capture that changes it appends a version with its record time; the current version is listed for queries and pages.
/// </summary>
[Alias("esg.IVocabularyElementGrain")]
public interface IVocabularyElementGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a captured description: attributes and children it sends replace the element's, what it leaves out stays. A
    /// description that changes nothing, or one older (by record time) than the current version, appends nothing, so a
    /// resumed capture is harmless.
    /// </summary>
    [Alias("Capture")]
    Task<VocabularyElement> Capture(VocabularyElementIn element, string captureId, Instant recordTime, string actor);

    [Alias("Get")]
    Task<VocabularyElement?> Get();

    /// <summary>Every version, oldest first, read from the element's event log.</summary>
    [Alias("History")]
    Task<IReadOnlyList<VocabularyElementVersion>> History();
}

/// <summary>Reads of the master data (any silo): types, a type's elements a page at a time, one element, names for ids.</summary>
[Alias("esg.IMasterDataGrain")]
public interface IMasterDataGrain : IGrainWithIntegerKey
{
    /// <summary>The vocabulary types master data has been captured for.</summary>
    [Alias("Types")]
    Task<IReadOnlyList<string>> Types();

    /// <summary>A page of a type's elements in id order; <paramref name="after"/> is the previous page's <see cref="VocabularyPage.Next"/>.</summary>
    [Alias("List")]
    Task<VocabularyPage> List(string type, int perPage, string? after);

    /// <summary>One element by type and id (any spelling of the id: it is made canonical first).</summary>
    [Alias("Get")]
    Task<VocabularyElement?> Get(string type, string id);

    /// <summary>The name attribute of each id that has one, in any vocabulary (ids canonical as events carry them); locations first.</summary>
    [Alias("Names")]
    Task<IReadOnlyDictionary<string, string>> Names(IReadOnlyList<string> ids);
}
