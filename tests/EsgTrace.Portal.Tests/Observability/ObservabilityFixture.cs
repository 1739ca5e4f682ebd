using EsgTrace.Testing;

namespace EsgTrace.Portal.Tests.Observability;

/// <summary>
/// A portal of its own for the observability tests, so its meter counts only what these tests do (no footprint
/// sampler writing in the background).
/// </summary>
public sealed class ObservabilityFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public ObservabilityFixture() => Host = new PortalHost(_directory.Path, new Dictionary<string, string?> { ["Platform:FootprintMinutes"] = "0" });

    public PortalHost Host { get; }

    public void Dispose()
    {
        Host.Dispose();
        _directory.Dispose();
    }
}
