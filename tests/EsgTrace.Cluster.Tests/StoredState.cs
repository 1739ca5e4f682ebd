using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EsgTrace.Cluster.Tests;

/// <summary>What the platform holds, read back through its API after a fault: by id, in the lot's list, in the lot's ledger, in the footprint.</summary>
public sealed record StoredState(IReadOnlySet<string> ById, IReadOnlyList<string> Listed, IReadOnlyList<string> Legs, decimal FootprintKgCo2e)
{
    public static async Task<StoredState> ReadAsync(HttpClient api, IEnumerable<string> candidates, string lot, string product, string prefix)
    {
        var byId = new HashSet<string>();
        foreach (var id in candidates)
        {
            using var response = await api.GetAsync($"/api/shipments/{id}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                byId.Add(id);
            }
            else if (response.StatusCode != HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"GET /api/shipments/{id} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        var listed = new List<string>();
        string? after = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/shipments?lot={lot}&pageSize=200" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after)));
            listed.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).Where(id => id.StartsWith(prefix + "-", StringComparison.Ordinal)));
            after = page.TryGetProperty("nextAfterKey", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (after is not null);

        var movements = await api.GetFromJsonAsync<JsonElement>($"/api/lots/{lot}/movements");
        var legs = movements.EnumerateArray().Where(m => m.GetProperty("kind").GetString() == "shipment").Select(l => l.GetProperty("recordId").GetString()!).Where(id => id.StartsWith(prefix + "-", StringComparison.Ordinal)).ToList();
        var footprint = await api.GetFromJsonAsync<JsonElement>($"/api/products/{product}/footprint");
        return new StoredState(byId, listed, legs, footprint.GetProperty("totalKgCo2e").GetDecimal());
    }

    public string Summary() => $"found by id {ById.Count}, listed {Listed.Count} ({Listed.Distinct().Count()} distinct), lot ledger {Legs.Count}, footprint {FootprintKgCo2e} kg CO2e";
}
