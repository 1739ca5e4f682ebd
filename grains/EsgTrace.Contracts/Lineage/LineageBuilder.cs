using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Time;

namespace EsgTrace.Lineage;

/// <summary>
/// Collects a result's inputs and hashes them. Content hashes are SHA-256 of the record's JSON (EsgJson: camelCase,
/// properties in declaration order). The root hash is SHA-256 of the UTF-8 text made of these lines, each ending in "\n":
/// "subject {subject}", "calculator {version}", "dataset {id@version}" (sorted), "input {kind} {id} {sha256}" (sorted),
/// "result {sha256}". Anyone holding the inputs can recompute it.
/// A product's figures use the second form, <see cref="MerkleForm"/> (so one changed input costs O(log n), see
/// <see cref="BuildMerkle"/>); records of the first form stay verifiable with <see cref="RootOf"/>.
/// </summary>
public sealed class LineageBuilder(string subject, string calculator)
{
    /// <summary>The second text form of a root: the inputs enter as the RFC 6962 Merkle root of their lines.</summary>
    public const string MerkleForm = "lineage/2";

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

    /// <summary>
    /// A record of the second form: SHA-256 of the UTF-8 text "lineage/2\n", "subject {subject}\n", "calculator {version}\n",
    /// "dataset {id@version}\n" per dataset (sorted), "inputs {count} {merkle root}\n", "result {sha256}\n", where the
    /// merkle root is RFC 6962's over the lines "input {kind} {id} {sha256}" (no newline) of the inputs sorted by kind then id
    /// (ordinal). <paramref name="inputsMerkleRoot"/> is that root, kept current by the caller; <see cref="RootOf"/> recomputes it.
    /// </summary>
    public static LineageRecord BuildMerkle(string subject, string calculator, IReadOnlyList<string> datasets, IReadOnlyList<LineageInput> sortedInputs, string inputsMerkleRoot, string resultHash)
    {
        var text = new StringBuilder(256);
        text.Append(MerkleForm).Append('\n');
        text.Append("subject ").Append(subject).Append('\n');
        text.Append("calculator ").Append(calculator).Append('\n');
        foreach (var dataset in datasets)
        {
            text.Append("dataset ").Append(dataset).Append('\n');
        }

        text.Append("inputs ").Append(sortedInputs.Count).Append(' ').Append(inputsMerkleRoot).Append('\n');
        text.Append("result ").Append(resultHash).Append('\n');
        return new LineageRecord(subject, calculator, datasets, sortedInputs, resultHash, Sha256(Encoding.UTF8.GetBytes(text.ToString())), MerkleForm);
    }

    /// <summary>The leaf text of one input in the second form's Merkle tree.</summary>
    public static string MerkleLeaf(LineageInput input) => $"input {input.Kind} {input.Id} {input.Sha256}";

    /// <summary>The root hash of a record recomputed from its fields, in the text form it names (what an auditor checks).</summary>
    public static string RootOf(LineageRecord record)
    {
        if (record.Form == MerkleForm)
        {
            var sorted = record.Inputs.OrderBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
            var merkle = new MerkleTree(sorted.Select(MerkleLeaf).ToList()).RootHex;
            return BuildMerkle(record.Subject, record.Calculator, record.Datasets.Order(StringComparer.Ordinal).ToList(), sorted, merkle, record.ResultSha256).RootSha256;
        }

        var builder = new LineageBuilder(record.Subject, record.Calculator);
        foreach (var dataset in record.Datasets)
        {
            builder.Dataset(dataset);
        }

        foreach (var input in record.Inputs)
        {
            builder.InputHash(input.Kind, input.Id, input.Sha256);
        }

        return builder.BuildWithResultHash(record.ResultSha256).RootSha256;
    }

    public static string HashOf<T>(T content) => Sha256(JsonSerializer.SerializeToUtf8Bytes(content, EsgJson.Options));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
