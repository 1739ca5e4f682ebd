using System.Text.Json;
using System.Text.Json.Serialization;
using EsgTrace.Time;
using EsgTrace.Units;

namespace EsgTrace.Factors;

/// <summary>A dataset plus the factor it uses for each transport mode.</summary>
[GenerateSerializer, Immutable, Alias("esg.factor-catalog")]
public sealed record FactorCatalog(EmissionFactorDataset Dataset, IReadOnlyDictionary<TransportMode, string> TransportFactorIds)
{
    /// <summary>The dataset shipped with EsgTrace (freight and grid factors, each with its publication).</summary>
    public static FactorCatalog Starter { get; } = Load("esgtrace-starter-2026.1.json");

    public EmissionFactor TransportFactor(TransportMode mode)
        => TransportFactorIds.TryGetValue(mode, out var id) && Dataset.Find(id) is { } factor
            ? factor
            : throw new MissingFactorException($"Dataset {Dataset.Ref} has no factor for {mode} transport; add one or import a dataset that has it.");

    public EmissionFactor Factor(string id)
        => Dataset.Find(id) ?? throw new MissingFactorException($"Dataset {Dataset.Ref} has no factor '{id}'.");

    public static FactorCatalog Load(string resourceName)
    {
        using var stream = typeof(FactorCatalog).Assembly.GetManifestResourceStream("EsgTrace.Factors." + resourceName)
            ?? throw new InvalidOperationException($"Factor dataset resource '{resourceName}' is missing.");
        var file = JsonSerializer.Deserialize<DatasetFile>(stream, EsgJson.Options)!;
        var factors = file.Factors.Select(f => new EmissionFactor(
            f.Id, f.Name, f.KgCo2ePerUnit,
            Unit.FromSymbol(f.PerUnit) ?? throw new InvalidDataException($"Factor '{f.Id}' names unknown unit '{f.PerUnit}'."),
            FactorSourceKind.Secondary, f.Source, f.Licence, f.Note)).ToList();
        var modes = file.TransportModes.ToDictionary(m => Enum.Parse<TransportMode>(m.Key, ignoreCase: true), m => m.Value);
        return new FactorCatalog(new EmissionFactorDataset(file.Id, file.Version, file.Title, file.Publisher, file.Licence, factors), modes);
    }

    private sealed record DatasetFile(string Id, string Version, string Title, string Publisher, string Licence, List<FactorFile> Factors, Dictionary<string, string> TransportModes);

    private sealed record FactorFile(string Id, string Name, decimal KgCo2ePerUnit, string PerUnit, string Source, string Licence, [property: JsonPropertyName("note")] string? Note);
}
