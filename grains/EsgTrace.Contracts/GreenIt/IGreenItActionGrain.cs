using EsgTrace.Domain;

namespace EsgTrace.GreenIt;

/// <summary>A green-IT action (rightsizing, region move, ...) on named workloads from a date.</summary>
[Alias("esg.IGreenItActionGrain")]
public interface IGreenItActionGrain : IGrainWithStringKey
{
    /// <summary>Records the action, or corrects it (the earlier version stays in its history); the same content again is a no-op.</summary>
    [Alias("Record")]
    Task<Outcome<GreenItActionView>> Record(GreenItAction action, string actor);

    [Alias("Get")]
    Task<GreenItActionView?> Get();
}
