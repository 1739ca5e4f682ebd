namespace EsgTrace.Factors;

/// <summary>A versioned set of emission factors. Results name the dataset id and version they used, so they stay reproducible.</summary>
[GenerateSerializer, Immutable, Alias("esg.emission-factor-dataset")]
public sealed record EmissionFactorDataset(string Id, string Version, string Title, string Publisher, string Licence, IReadOnlyList<EmissionFactor> Factors)
{
    public EmissionFactor? Find(string factorId) => Factors.FirstOrDefault(f => f.Id == factorId);

    public DatasetRef Ref => new(Id, Version);
}

/// <summary>Names one version of a dataset.</summary>
[GenerateSerializer, Immutable, Alias("esg.dataset-ref")]
public sealed record DatasetRef(string Id, string Version)
{
    public override string ToString() => $"{Id}@{Version}";
}
