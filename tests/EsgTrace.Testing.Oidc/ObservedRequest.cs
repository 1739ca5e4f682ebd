namespace EsgTrace.Testing.Oidc;

/// <summary>A request that reached the provider's authorization or token endpoint: the parameters it carried and the status it got.</summary>
public sealed record ObservedRequest(string Endpoint, IReadOnlyDictionary<string, string> Parameters, int Status)
{
    public string? this[string name] => Parameters.GetValueOrDefault(name);
}
