using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using EsgTrace.Accounts;
using EsgTrace.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;
using static EsgTrace.Portal.Tests.Epcis.EpcisTestSupport;

namespace EsgTrace.Portal.Tests.Observability;

/// <summary>Our own meter counts real work (a durable write, a capture), and /metrics exports it to the operations roles only.</summary>
public sealed class MetricsTests(ObservabilityFixture portal) : IClassFixture<ObservabilityFixture>
{
    private PortalHost Host => portal.Host;

    [Fact]
    public async Task Meter_CountsTheDurableWritesOfARecord_AndOneStoredCapture()
    {
        // Listens to this host's own meter instance only (its IMeterFactory), whatever other portals run in this process.
        var meters = Host.Services.GetRequiredService<IMeterFactory>();
        using var writes = new MetricCollector<long>(meters, EsgTraceMetrics.MeterName, "esgtrace.storage.writes");
        using var captures = new MetricCollector<long>(meters, EsgTraceMetrics.MeterName, "esgtrace.epcis.captures");
        using var stored = new MetricCollector<long>(meters, EsgTraceMetrics.MeterName, "esgtrace.epcis.events_stored");
        var api = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.SupplyChain, "metrics"));
        var before = writes.GetMeasurementSnapshot().Count(m => Outcome(m) == "ok");

        var supplier = await api.PutAsJsonAsync("/api/suppliers/obs-supplier-1", new { name = "Metered Mill", country = "PT", tier = 1 });
        Assert.True(supplier.IsSuccessStatusCode, $"supplier answered {(int)supplier.StatusCode}: {await supplier.Content.ReadAsStringAsync()}");
        var afterRecord = writes.GetMeasurementSnapshot().Count(m => Outcome(m) == "ok");
        var job = await CaptureAsync(api, Document(string.Empty, """{"type":"ObjectEvent","eventID":"urn:uuid:5a1e0b7e-0b5e-4c1e-9d2a-00000000a001","eventTime":"2026-05-03T08:00:00Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["urn:epc:id:sgtin:4012345.011111.7001"],"bizStep":"inspecting"}"""));

        Assert.True(job.GetProperty("success").GetBoolean());
        Assert.True(afterRecord > before, $"recording a supplier added no durable write ({before} before, {afterRecord} after)");
        var capture = Assert.Single(captures.GetMeasurementSnapshot());
        Assert.Equal(1, capture.Value);
        Assert.Equal("stored", capture.Tags["outcome"]);
        Assert.Equal(1, stored.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Contains(writes.GetMeasurementSnapshot(), m => Outcome(m) == "ok" && (string?)m.Tags["backend"] == "sqlite");
    }

    [Fact]
    public async Task MetricsEndpoint_ExportsOrleansAndOurSeries_ToItAndAdmin()
    {
        var supply = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, Role.SupplyChain, "metrics capture"));
        await CaptureAsync(supply, Document(string.Empty, """{"type":"ObjectEvent","eventID":"urn:uuid:5a1e0b7e-0b5e-4c1e-9d2a-00000000a002","eventTime":"2026-05-03T09:00:00Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["urn:epc:id:sgtin:4012345.011111.7002"],"bizStep":"inspecting"}"""));

        foreach (var role in new[] { Role.It, Role.Admin })
        {
            var api = Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(Host, role, "scraper " + role));
            var response = await api.GetAsync("/metrics");
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("esgtrace_epcis_captures_total{", text, StringComparison.Ordinal);
            Assert.Contains("outcome=\"stored\"", text, StringComparison.Ordinal);
            Assert.Contains("esgtrace_storage_write_duration_seconds_bucket{", text, StringComparison.Ordinal);
            Assert.Contains("\norleans_", text, StringComparison.Ordinal);
            Assert.Contains("\nhttp_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(Role.SupplyChain, HttpStatusCode.Forbidden)]
    [InlineData(Role.Marketing, HttpStatusCode.Forbidden)]
    [InlineData(Role.Auditor, HttpStatusCode.Forbidden)]
    public async Task MetricsEndpoint_RefusesAnonymousAndOtherRoles_WithProblemDetails(Role? role, HttpStatusCode expected)
    {
        var api = Host.CreateApiClient(role is { } r ? await ApiTestSupport.IssueKeyAsync(Host, r, "no scraper " + r) : null);

        var response = await api.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static string? Outcome(CollectedMeasurement<long> m) => m.Tags.TryGetValue("outcome", out var o) ? o as string : null;
}
