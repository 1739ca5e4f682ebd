namespace EsgTrace.Hosting;

/// <summary>How the portal reaches the grains (<c>Cluster:Mode</c>).</summary>
public enum OrleansMode
{
    /// <summary>Co-host one silo in this process: one command runs everything (the default).</summary>
    Embedded,

    /// <summary>Connect as an Orleans client to standalone silos (silo/EsgTrace.Silo) through their gateways.</summary>
    Client,
}
