using System.Net;
using System.Text;
using EsgTrace.Accounts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EsgTrace.Portal.Tests.Api;

/// <summary>
/// Every HTTP endpoint the portal maps, called anonymously and with an API key of every role: who may call it is written
/// out below by hand (independently of the policies in the code). An endpoint missing from the table fails the test, so
/// a new endpoint cannot ship unclassified.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AuthorizationMatrixTests(PortalFixture portal)
{
    // Roles: S supply chain, M marketing, I it, A auditor, D admin, U supplier (a key bound to one supplier id); "*" anyone,
    // even anonymous; "SMIADU" any signed-in role.
    // Least privilege (docs/architecture.md, "Roles"): M and I read figures (products, footprints, traceability shares,
    // lineage, claims, PACT footprints), never the supplier records behind them (suppliers, lots, shipments, batches, EPCIS).
    // U reaches the supplier portal only, which answers from its own supplier id (SupplierScopingApiTests tries another's).
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /health"] = "*",
        ["GET /health/ready"] = "*", // details only for I and D (HealthApiTests)
        ["GET /metrics"] = "ID",
        ["GET /openapi/{documentName}.json"] = "*",
        ["GET /verify/{Id}"] = "*",   // the public verification page (Blazor, static)
        ["POST /verify/{Id}"] = "*",  // its proof-upload form
        ["GET /verify/{id}/status"] = "*",
        ["GET /verify/{id}/proof.pdf"] = "*",
        ["POST /verify/{id}/check"] = "*",
        ["GET /api/me"] = "SMIADU",
        ["GET /api/audit"] = "AD",
        ["GET /api/admin/users"] = "D",
        ["POST /api/admin/users"] = "D",
        ["POST /api/admin/users/{username}/disable"] = "D",
        ["POST /api/admin/users/{username}/enable"] = "D",
        ["PUT /api/admin/users/{username}/role"] = "D",
        ["POST /api/admin/users/{username}/password-reset"] = "D",
        ["POST /api/admin/users/{username}/sessions/end"] = "D",
        ["GET /api/admin/api-keys"] = "D",
        ["POST /api/admin/api-keys"] = "D",
        ["DELETE /api/admin/api-keys/{keyId}"] = "D",
        ["PUT /api/suppliers/{id}"] = "S",
        ["POST /api/suppliers/{id}/certificates"] = "S",
        ["GET /api/suppliers"] = "SA",
        ["GET /api/suppliers/{id}"] = "SA",
        ["PUT /api/lots/{id}"] = "S",
        ["POST /api/lots/{id}/corrections"] = "S",
        ["GET /api/lots"] = "SA",
        ["GET /api/lots/{id}"] = "SA",
        ["GET /api/lots/{id}/movements"] = "SA",
        ["PUT /api/shipments/{id}"] = "S",
        ["POST /api/shipments/{id}/corrections"] = "S",
        ["GET /api/shipments"] = "SA",
        ["GET /api/shipments/{id}"] = "SA",
        ["PUT /api/products/{id}"] = "S",
        ["GET /api/products"] = "SMIA",
        ["GET /api/products/{id}"] = "SMIA",
        ["GET /api/products/{id}/footprint"] = "SMIA",
        ["GET /api/products/{id}/traceability"] = "SMIA", // M and I: the shares only, no tree (SupplyChainApiTests)
        ["GET /api/products/{id}/lineage"] = "SMIA",
        ["PUT /api/batches/{id}"] = "S",
        ["GET /api/batches/{id}"] = "SA",
        ["GET /api/batches/{id}/traceability"] = "SA",
        ["GET /api/factor-datasets/starter"] = "SMIA",
        ["POST /api/factor-datasets"] = "S",
        ["PUT /api/claims/{id}"] = "M",
        ["POST /api/claims/{id}/verify"] = "M",
        ["POST /api/claims/{id}/approve"] = "IA",
        ["POST /api/claims/{id}/publish"] = "M",
        ["POST /api/claims/{id}/withdraw"] = "M",
        ["GET /api/claims"] = "SMIA",
        ["GET /api/claims/{id}"] = "SMIA",
        ["GET /api/claims/{id}/lineage"] = "SMIA",
        ["GET /api/green-it/regions"] = "IA",
        ["PUT /api/green-it/workloads/{id}"] = "I",
        ["GET /api/green-it/workloads"] = "IA",
        ["GET /api/green-it/workloads/{id}"] = "IA",
        ["GET /api/green-it/workloads/{id}/emissions"] = "IA",
        ["GET /api/green-it/workloads/{id}/advice"] = "IA",
        ["POST /api/green-it/usage"] = "I",
        ["GET /api/green-it/imports/{id}"] = "IA",
        ["POST /api/green-it/billing"] = "I",
        ["PUT /api/green-it/billing-rules"] = "I",
        ["GET /api/green-it/billing-rules"] = "IA",
        ["POST /api/green-it/grid-datasets"] = "I",
        ["GET /api/green-it/grid-datasets"] = "IA",
        ["GET /api/green-it/grid-datasets/{reference}"] = "IA",
        ["POST /api/green-it/provider-emissions"] = "I",
        ["GET /api/green-it/provider-emissions"] = "IA",
        ["PUT /api/green-it/actions/{id}"] = "I",
        ["GET /api/green-it/actions"] = "IA",
        ["PUT /api/green-it/target"] = "I",
        ["GET /api/green-it/target"] = "IA",
        ["GET /api/green-it/hourly-datasets"] = "IA",
        ["POST /api/green-it/hourly-datasets"] = "I",
        ["GET /api/green-it/dashboard"] = "IA",
        ["GET /api/green-it/report.pdf"] = "IA",
        ["GET /api/green-it/intensity-datasets"] = "IA",
        ["POST /api/green-it/intensity-datasets"] = "I",
        ["GET /api/green-it/workloads/{id}/forecast-advice"] = "IA",
        ["GET /api/carbon-aware/emissions/bylocations"] = "IA",
        ["GET /api/carbon-aware/emissions/bylocations/best"] = "IA",
        ["GET /api/carbon-aware/emissions/forecasts/current"] = "IA",
        ["GET /api/scorecard"] = "MIA",        // the scorecard the CMO and the CIO share (audit reads it)
        ["GET /api/scorecard/report.pdf"] = "MIA",
        ["GET /api/scorecard/lineage/it-emissions"] = "MIA",
        ["GET /api/scorecard/lineage/actions/{id}"] = "MIA",
        ["POST /capture"] = "S",
        ["OPTIONS /capture"] = "S",
        ["GET /capture/{captureId}"] = "SA",
        ["GET /events"] = "SA",
        ["GET /events/{eventId}"] = "SA",
        ["GET /epcs/{epc}/events"] = "SA",
        ["GET /vocabularies"] = "SA",
        ["GET /vocabularies/{type}"] = "SA",
        ["GET /vocabularies/{type}/{id}"] = "SA",
        ["POST /queries"] = "S",
        ["GET /queries"] = "SA",
        ["GET /queries/{queryName}"] = "SA",
        ["DELETE /queries/{queryName}"] = "S",
        ["GET /queries/{queryName}/events"] = "SA",
        ["POST /queries/{queryName}/subscriptions"] = "S",
        ["GET /queries/{queryName}/subscriptions"] = "SA",
        ["GET /queries/{queryName}/subscriptions/{subscriptionId}"] = "SA",
        ["DELETE /queries/{queryName}/subscriptions/{subscriptionId}"] = "S",
        ["POST /auth/token"] = "*",   // OAuth2 client credentials: the credentials are in the request
        ["GET /2/footprints"] = "SMIA",
        ["GET /2/footprints/{id}"] = "SMIA",
        ["POST /2/events"] = "SMIA",
        ["POST /api/lots/{id}/pact-footprint"] = "S",
        ["GET /api/supplier-portal/supplier"] = "U",
        ["GET /api/supplier-portal/lots"] = "U",
        ["GET /api/supplier-portal/lots/{id}"] = "U",
        ["GET /api/supplier-portal/requests"] = "U",
        ["GET /api/supplier-portal/requests/{id}"] = "U",
        ["POST /api/supplier-portal/requests/{id}/footprint"] = "U",
        ["POST /api/supplier-portal/requests/{id}/certificate"] = "U",
        ["POST /api/supplier-invitations"] = "S",
        ["POST /api/supplier-invitations/redeem"] = "*", // the single-use token is in the request
        ["PUT /api/supplier-requests/{id}"] = "S",
        ["GET /api/supplier-requests"] = "SA",
        ["GET /api/supplier-requests/{id}"] = "SA",
        ["GET /api/supplier-requests/{id}/answers/{answer}/document"] = "SA",
        ["POST /api/supplier-requests/{id}/answers/{answer}/accept"] = "S",
        ["POST /api/supplier-requests/{id}/answers/{answer}/reject"] = "S",
        ["GET /.well-known/openid-configuration"] = "*",
        ["GET /3/footprints"] = "SMIA",
        ["GET /3/footprints/{id}"] = "SMIA",
        ["POST /3/events"] = "SMIA", // and then only registered partners (403 AccessDenied otherwise: PactV3ConformanceTests)
        ["GET /api/admin/pact-partners"] = "D",
        ["PUT /api/admin/pact-partners/{id}"] = "D",
        ["GET /api/pact/deliveries"] = "SAD",
        ["GET /api/pact/inbound-requests"] = "SAD",
        ["GET /api/pact/requests"] = "SAD",
        ["GET /api/pact/received"] = "SAD",
        ["POST /api/pact/inbound-requests/{id}/fulfil"] = "S",
        ["POST /api/pact/inbound-requests/{id}/reject"] = "S",
        ["POST /api/pact/requests"] = "S",
        ["POST /api/pact/received/{partnerId}/{footprintId}/accept"] = "S",
        ["POST /api/pact/received/{partnerId}/{footprintId}/decline"] = "S",
    };

    private static readonly (char Letter, Role Role)[] Roles = [('S', Role.SupplyChain), ('M', Role.Marketing), ('I', Role.It), ('A', Role.Auditor), ('D', Role.Admin), ('U', Role.Supplier)];

    [Fact]
    public void EveryMappedEndpoint_IsInTheMatrix_AndTheMatrixHasNoStaleRows()
    {
        var mapped = MappedEndpoints().Select(e => e.Key).ToHashSet();

        Assert.Empty(mapped.Except(Expected.Keys).Order());
        Assert.Empty(Expected.Keys.Except(mapped).Order());
    }

    [Fact]
    public async Task EveryEndpoint_AnswersEachRoleAsTheMatrixSays_AndNeverFails()
    {
        var clients = new List<(char Letter, HttpClient Client)> { ('-', portal.Host.CreateApiClient()) };
        foreach (var (letter, role) in Roles)
        {
            clients.Add((letter, portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, role, "matrix " + role))));
        }

        var failures = new List<string>();
        var calls = 0;
        foreach (var (key, method, path) in MappedEndpoints().Where(e => Expected.ContainsKey(e.Key)))
        {
            var allowed = Expected[key];
            foreach (var (letter, client) in clients)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT")
                {
                    // Each endpoint gets a body of a type it takes (routing answers 415 before authorization otherwise).
                    request.Content = path.EndsWith("/hourly-datasets", StringComparison.Ordinal) || path.EndsWith("/intensity-datasets", StringComparison.Ordinal)
                        ? new StringContent("region,hour_utc,kg_co2e_per_kwh\n", Encoding.UTF8, "text/csv")
                        : path.EndsWith("/billing", StringComparison.Ordinal) || path.EndsWith("/grid-datasets", StringComparison.Ordinal) || path.EndsWith("/provider-emissions", StringComparison.Ordinal)
                        ? new StringContent("x\n", Encoding.UTF8, "text/csv")
                        : new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                calls++;
                var status = (int)response.StatusCode;
                var expected = allowed == "*" || allowed.Contains(letter)
                    ? "allowed"
                    : letter == '-' ? "401" : "403";
                var ok = expected switch
                {
                    "allowed" => status is not (401 or 403) && status < 500,
                    "401" => status == 401,
                    _ => status == 403,
                };
                if (!ok)
                {
                    failures.Add($"{key} as {(letter == '-' ? "anonymous" : letter.ToString())}: {status}, expected {expected}");
                }
            }
        }

        Assert.True(calls >= Expected.Count * 7, $"only {calls} calls were made");
        Assert.Empty(failures);
    }

    private static readonly string[] MachinePrefixes = ["/api/", "/verify/", "/openapi/", "/capture/", "/events/", "/epcs/", "/2/", "/3/", "/.well-known/", "/auth/", "/vocabularies", "/queries/"];

    /// <summary>Route endpoints of the API, verification, health and OpenAPI (not Blazor pages), with parameters filled in.</summary>
    private IEnumerable<(string Key, string Method, string Path)> MappedEndpoints()
    {
        var sources = portal.Host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!MachinePrefixes.Any(p => pattern.StartsWith(p, StringComparison.Ordinal)) && pattern is not ("/health" or "/health/ready" or "/metrics" or "/capture" or "/events" or "/queries"))
            {
                continue;
            }

            // An endpoint for any method (the Prometheus scrape endpoint) is called with GET.
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{documentName\}", "v1");
                path = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]+\}", "matrix-x");
                yield return ($"{method} {pattern}", method, path);
            }
        }
    }
}
