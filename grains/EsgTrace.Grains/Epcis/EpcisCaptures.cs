using System.Text.Json;
using EsgTrace.Storage;

namespace EsgTrace.Epcis;

/// <summary>Where capture documents are staged and how pending captures are found again.</summary>
public static class EpcisCaptures
{
    public const string Container = "epciscaptures";
    public const string Index = "epciscaptures";
    public const string Pending = "pending";
    public const string Repository = "default";

    /// <summary>Reads a staged document (already schema-checked when it was accepted).</summary>
    public static async Task<(JsonDocument Document, EpcisDocumentRead Read)> OpenAsync(IBlobStore blobs, string blobName)
    {
        var blob = await blobs.GetAsync(Container, blobName) ?? throw new InvalidOperationException($"Staged capture '{blobName}' is missing.");
        var doc = JsonDocument.Parse(blob.Content);
        return (doc, EpcisDocumentReader.Read(doc.RootElement, validateSchema: false));
    }
}
