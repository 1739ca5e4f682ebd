namespace EsgTrace.Epcis;

/// <summary>Reads stored master data for a query's resolution (the repository's vocabulary index).</summary>
public interface IVocabularyLookup
{
    /// <summary>One element by its canonical id, or null when there is no master data for it.</summary>
    Task<VocabularyElement?> GetAsync(string type, string id);

    /// <summary>Every element of a type, in id order.</summary>
    IAsyncEnumerable<VocabularyElement> AllAsync(string type);
}
