using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>Named queries and subscriptions over HTTP, and the settings of a portal whose webhooks may call loopback receivers.</summary>
public static class EpcisSubscriptionTestSupport
{
    /// <summary>Loopback receivers allowed; quick retries and reminders, so restarts and failures resolve within seconds.</summary>
    public static Dictionary<string, string?> FastDeliverySettings() => new()
    {
        ["Epcis:Subscriptions:AllowPrivateDestinations"] = "true",
        ["Epcis:Subscriptions:RetryBaseSeconds"] = "0.2",
        ["Epcis:Subscriptions:RetryMaxSeconds"] = "1",
        ["Epcis:Subscriptions:TimeoutSeconds"] = "5",
        ["Epcis:Subscriptions:ReminderMinutes"] = "0.1",
        ["Cluster:Reminders:MinimumReminderPeriod"] = "00:00:05",
    };

    public static async Task CreateQueryAsync(HttpClient api, string name, object query)
    {
        // Parameter names as written (MATCH_anyEPC), not camel-cased.
        var response = await api.PostAsJsonAsync("/queries", new { name, query }, new JsonSerializerOptions());
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /queries answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("/queries/" + name, response.Headers.Location!.ToString());
    }

    /// <summary>Subscribes and returns the subscription id (from the 201's body, checked against its Location).</summary>
    public static async Task<string> SubscribeAsync(HttpClient api, string name, object body)
    {
        var response = await api.PostAsJsonAsync($"/queries/{name}/subscriptions", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"subscribe answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var json = await response.ReadJsonAsync();
        var id = json.GetProperty("subscriptionID").GetString()!;
        Assert.Equal($"/queries/{name}/subscriptions/{id}", response.Headers.Location!.ToString());
        Assert.False(json.TryGetProperty("signatureToken", out _), "the token is a secret and never shown");
        return id;
    }

    public static async Task<JsonElement> SubscriptionAsync(HttpClient api, string name, string id)
        => await (await api.GetAsync($"/queries/{name}/subscriptions/{id}")).ReadJsonAsync();

    /// <summary>The eventIDs of what the named query answers now (every page).</summary>
    public static async Task<HashSet<string>> MatchingIdsAsync(HttpClient api, string name)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? next = $"/queries/{name}/events?perPage=1000";
        while (next is not null)
        {
            var response = await api.GetAsync(next);
            Assert.True(response.IsSuccessStatusCode, $"{next} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var doc = await response.ReadJsonAsync();
            Assert.Empty(EsgTrace.Epcis.EpcisSchema.Validate(doc));
            ids.UnionWith(EpcisTestSupport.EventsOf(doc).Select(e => e.GetProperty("eventID").GetString()!));
            next = response.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
        }

        return ids;
    }
}
