using System.Text.Json;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>Hands the master data of a staged capture document to its elements' grains (each idempotent, so a resumed capture repeats it harmlessly).</summary>
public static class MasterDataCapture
{
    /// <returns>The number of elements the document describes.</returns>
    public static async Task<int> CaptureAsync(IGrainFactory grains, IBlobStore blobs, string blobName, string captureId, Instant recordTime, string actor)
    {
        var blob = await blobs.GetAsync(EpcisCaptures.Container, blobName) ?? throw new InvalidOperationException($"Staged capture '{blobName}' is missing.");
        using var doc = JsonDocument.Parse(blob.Content);
        var read = EpcisMasterDataReader.Read(doc.RootElement);
        if (read.Problems.Count > 0)
        {
            // Refused at the endpoint before staging; a staged document that fails here was staged by an older version.
            throw new InvalidDataException(read.Problems[0].Detail);
        }

        foreach (var chunk in read.Elements.Chunk(64))
        {
            await Task.WhenAll(chunk.Select(e => grains.GetGrain<IVocabularyElementGrain>(VocabularyKeys.Grain(e.Type, e.Id)).Capture(e, captureId, recordTime, actor)));
        }

        return read.Elements.Count;
    }
}
