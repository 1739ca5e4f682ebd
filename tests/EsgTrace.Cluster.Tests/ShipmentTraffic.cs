using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using EsgTrace.Testing;

namespace EsgTrace.Cluster.Tests;

/// <summary>
/// Records road shipments of one lot (100 km each, so each adds a known amount to the footprint) through the API of one
/// or more portals, several in flight at once, as a client that takes the API at its word would: a 2xx is a stored
/// shipment; a 503 or a dropped connection means "unknown, send the same request again" (writes are keyed by id).
/// </summary>
public sealed class ShipmentTraffic(IReadOnlyList<HttpClient> portals, string lot, string prefix)
{
    public const decimal Km = 100m;

    private readonly ConcurrentDictionary<string, int> _answers = new();
    private readonly ConcurrentDictionary<string, bool> _acknowledged = new();
    private readonly ConcurrentDictionary<string, bool> _sent = new();
    private int _attempts;

    /// <summary>Distinct shipments sent at least once.</summary>
    public int Sent => _sent.Count;

    /// <summary>Requests made, retries included.</summary>
    public int Attempts => _attempts;

    public IReadOnlyCollection<string> Acknowledged => _acknowledged.Keys.ToList();

    /// <summary>How many answers of each kind came back ("200", "503", "connection lost", …).</summary>
    public IReadOnlyDictionary<string, int> Answers => _answers;

    /// <summary>Shipment ids answered with something other than 2xx or 503/lost connection: a fault in the platform.</summary>
    public ConcurrentBag<string> Unexpected { get; } = [];

    public string Id(int i) => $"{prefix}-{i:D4}";

    /// <summary>Sends shipments [from, to) with <paramref name="concurrency"/> in flight; retries each until 2xx when <paramref name="retry"/>.</summary>
    public async Task SendAsync(int from, int to, int concurrency, bool retry, Action<int>? onAcknowledged = null, CancellationToken cancellationToken = default)
    {
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            _sent[Id(i)] = true;
            for (var attempt = 0; attempt < 80; attempt++)
            {
                if (await SendOnceAsync(i, attempt, ct))
                {
                    onAcknowledged?.Invoke(_acknowledged.Count);
                    return;
                }

                if (!retry)
                {
                    return;
                }

                await Task.Delay(500, ct);
            }
        });
    }

    /// <summary>kg of the lot each shipment carries onward from Hamburg port (120 of them fit in the 400 kg there).</summary>
    public const decimal Kg = 3m;

    /// <summary>
    /// kg CO2e each of these shipments adds per T-shirt: 0.2 kg of fabric × (0.003 t × 100 km ÷ 800 kg = 0.000375 t.km/kg)
    /// × 0.14993 = 0.00001124475.
    /// </summary>
    public static decimal AddedPerShipment => TestSupplyChain.FabricTonnesPerTee * 1000m * (Kg / 1000m * Km / TestSupplyChain.FabricLotKg) * TestSupplyChain.RoadKgPerTonneKm;

    private async Task<bool> SendOnceAsync(int i, int attempt, CancellationToken ct)
    {
        Interlocked.Increment(ref _attempts);
        var api = portals[(i + attempt) % portals.Count];
        var departed = new DateTimeOffset(2026, 4, 2, 8, 0, 0, TimeSpan.FromHours(2)).AddMinutes(i);
        var body = TestSupplyChain.Shipment(lot, "road", Km, "km", departed.ToString("yyyy-MM-dd'T'HH:mm:sszzz"), departed.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm:sszzz"), mass: Kg);
        string answer;
        try
        {
            using var response = await api.PutAsJsonAsync($"/api/shipments/{Id(i)}", body, ct);
            answer = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (response.IsSuccessStatusCode)
            {
                _acknowledged[Id(i)] = true;
                Count(answer);
                return true;
            }

            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                Unexpected.Add($"{Id(i)} → {answer}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        }
        catch (HttpRequestException)
        {
            answer = "connection lost";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            answer = "client timeout";
        }

        Count(answer);
        return false;
    }

    private void Count(string answer) => _answers.AddOrUpdate(answer, 1, (_, n) => n + 1);

    public string Summary() => string.Join(", ", Answers.OrderBy(a => a.Key).Select(a => $"{a.Key}: {a.Value}"));
}
