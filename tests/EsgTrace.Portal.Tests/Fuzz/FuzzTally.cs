using System.Collections.Concurrent;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>Requests sent by the fuzz test: generated ones by status, and the reads that checked the platform's state.</summary>
public sealed class FuzzTally
{
    private readonly ConcurrentDictionary<int, int> _byStatus = new();
    private int _checks;
    private int _kestrel;
    private int _acceptedWrites;
    private int _refusedWrites;

    public int Generated => _byStatus.Values.Sum();

    public int Checks => _checks;

    public void Count(int status) => _byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);

    public void CountChecks(int requests) => Interlocked.Add(ref _checks, requests);

    /// <summary>A generated write, accepted (2xx/3xx) or refused (4xx, then checked to have left nothing behind).</summary>
    public void CountWrite(bool accepted) => Interlocked.Increment(ref accepted ? ref _acceptedWrites : ref _refusedWrites);

    /// <summary>A generated request Kestrel refused before the application saw it (request line or headers too large).</summary>
    public void CountKestrelRefusal() => Interlocked.Increment(ref _kestrel);

    /// <summary>"5,123 requests (4,800 generated: 200: 300, 400: 4,000, …; 323 state reads)".</summary>
    public string Summary()
        => $"{Generated + Checks:N0} requests ({Generated:N0} generated: "
           + string.Join(", ", _byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value:N0}"))
           + $"; {_kestrel:N0} refused by Kestrel before the application; writes: {_acceptedWrites:N0} accepted, {_refusedWrites:N0} refused and checked"
           + $"; {Checks:N0} state reads)";
}
