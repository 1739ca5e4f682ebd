using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Time;

namespace EsgTrace.Lineage;

/// <summary>
/// Collects a result's inputs and hashes them. Content hashes are SHA-256 of the record's JSON (EsgJson: camelCase,
/// properties in declaration order). The root hash is SHA-256 of the UTF-8 text made of these lines, each ending in "\n":
/// "subject {subject}", "calculator {version}", "dataset {id@version}" (sorted), "input {kind} {id} {sha256}" (sorted),
/// "result {sha256}". Anyone holding the inputs can recompute it. A product's footprint and traceability results are hashed
/// from their parts (<see cref="ResultHash"/>): terms and tree nodes.
/// </summary>
public sealed class LineageBuilder(string subject, string calculator)
{
    private readonly SortedSet<string> _datasets = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Id), LineageInput> _inputs = [];

    public LineageBuilder Dataset(string datasetRef)
    {
        _datasets.Add(datasetRef);
        return this;
    }

    public LineageBuilder Input<T>(string kind, string id, T content)
    {
        _inputs[(kind, id)] = new LineageInput(kind, id, HashOf(content));
        return this;
    }

    /// <summary>An input whose content hash is already known (computed once per version, see <see cref="InputHashCache"/>).</summary>
    public LineageBuilder InputHash(string kind, string id, string sha256)
    {
        _inputs[(kind, id)] = new LineageInput(kind, id, sha256);
        return this;
    }

    public LineageRecord Build<TResult>(TResult result) => BuildWithResultHash(HashOf(result));

    /// <summary>The record for a result whose hash is already computed (e.g. by <see cref="ResultHash"/> from its parts).</summary>
    public LineageRecord BuildWithResultHash(string resultHash)
    {
        var inputs = _inputs.Values.OrderBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.Append("subject ").Append(subject).Append('\n');
        text.Append("calculator ").Append(calculator).Append('\n');
        foreach (var dataset in _datasets)
        {
            text.Append("dataset ").Append(dataset).Append('\n');
        }

        foreach (var input in inputs)
        {
            text.Append("input ").Append(input.Kind).Append(' ').Append(input.Id).Append(' ').Append(input.Sha256).Append('\n');
        }

        text.Append("result ").Append(resultHash).Append('\n');
        return new LineageRecord(subject, calculator, _datasets.ToList(), inputs, resultHash, Sha256(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static string HashOf<T>(T content) => Sha256(JsonSerializer.SerializeToUtf8Bytes(content, EsgJson.Options));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
