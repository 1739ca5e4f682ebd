using System.Net.Http.Json;
using Xunit;

namespace EsgTrace.Cluster.Tests;

/// <summary>A footprint claim taken through its whole workflow by the API, as marketing and an auditor would.</summary>
internal static class ClaimSteps
{
    /// <summary>Drafts, verifies, approves and publishes "footprint of the T-shirt at most <paramref name="limit"/> kg CO2e".</summary>
    public static async Task PublishAsync(HttpClient marketing, HttpClient auditor, string id, string tee, decimal limit)
    {
        await Ok(marketing.PutAsJsonAsync($"/api/claims/{id}", new
        {
            productId = tee,
            type = "footprint-at-most",
            threshold = limit,
            wording = $"Cradle-to-gate footprint of at most {limit} kg CO2e per T-shirt",
            validUntil = "2030-12-31",
        }));
        await Ok(marketing.PostAsync($"/api/claims/{id}/verify", null));
        await Ok(auditor.PostAsync($"/api/claims/{id}/approve", null));
        await Ok(marketing.PostAsync($"/api/claims/{id}/publish", null));
    }

    public static async Task Ok(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
