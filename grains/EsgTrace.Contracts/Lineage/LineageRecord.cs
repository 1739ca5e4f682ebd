namespace EsgTrace.Lineage;

/// <summary>
/// The lineage of one computed result: its inputs with content hashes, the factor dataset versions, the calculator version,
/// the hash of the result itself, and one root hash over all of it (see <see cref="LineageBuilder"/> for how).
/// <see cref="Form"/> names the text form of the root: null for the first form (every input a line of the hashed text),
/// <see cref="LineageBuilder.MerkleForm"/> for the form whose inputs are one Merkle root.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.lineage-record")]
public sealed record LineageRecord(
    string Subject,
    string Calculator,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<LineageInput> Inputs,
    string ResultSha256,
    string RootSha256,
    string? Form = null);
