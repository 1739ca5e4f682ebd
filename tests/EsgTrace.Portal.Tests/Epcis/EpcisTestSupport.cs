using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace EsgTrace.Portal.Tests.Epcis;

/// <summary>Capture and query helpers for the EPCIS tests.</summary>
public static class EpcisTestSupport
{
    /// <summary>POSTs a document to /capture, expects 202 and waits for the job to finish; returns the finished job.</summary>
    public static async Task<JsonElement> CaptureAsync(HttpClient api, string json, string? behaviour = null)
    {
        var response = await PostAsync(api, json, behaviour);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"capture answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/capture/", location, StringComparison.Ordinal);
        var job = await (await api.GetAsync(location + "?wait=30")).ReadJsonAsync();
        Assert.False(job.GetProperty("running").GetBoolean(), "the capture job did not finish in 30 s");
        return job;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient api, string json, string? behaviour = null, string contentType = "application/ld+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/capture") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (behaviour is not null)
        {
            request.Headers.Add("GS1-Capture-Error-Behaviour", behaviour);
        }

        return api.SendAsync(request);
    }

    /// <summary>The eventList of an EPCISQueryDocument.</summary>
    public static List<JsonElement> EventsOf(JsonElement queryDocument)
        => queryDocument.GetProperty("epcisBody").GetProperty("queryResults").GetProperty("resultsBody").GetProperty("eventList").EnumerateArray().ToList();

    public static async Task<List<JsonElement>> QueryAsync(HttpClient api, string pathAndQuery)
    {
        var response = await api.GetAsync(pathAndQuery);
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var doc = await response.ReadJsonAsync();
        Assert.Empty(EsgTrace.Epcis.EpcisSchema.Validate(doc));
        return EventsOf(doc);
    }

    public static string Document(string context, params string[] events)
        => $$$"""{"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"{{{context}}}],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-05-01T10:00:00Z","epcisBody":{"eventList":[{{{string.Join(",", events)}}}]}}""";
}
