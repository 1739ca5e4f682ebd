using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EsgTrace.Pact;
using Microsoft.AspNetCore.DataProtection;

namespace EsgTrace.Portal.Services;

/// <summary>The answer of one call to a partner: whether it succeeded, what to record, and the body when it was a read.</summary>
public sealed record PartnerCallResult(bool Success, string Outcome, string? Body = null);

/// <summary>
/// Calls PACT partners: a bearer token from the partner's token endpoint (client credentials, Basic auth; kept until a
/// minute before it expires, dropped on a 401), then POST /3/events or GET /3/footprints/{id} on its host. Through the
/// named client <see cref="ClientName"/>, whose resilience pipeline (Microsoft.Extensions.Http.Resilience) times each
/// attempt out, retries transient failures and opens a circuit per partner host when it keeps failing. Redirects are not
/// followed. The client secret is unprotected here only, for the call.
/// </summary>
public sealed class PactPartnerClient(IHttpClientFactory clients, IDataProtectionProvider protection, TimeProvider time)
{
    public const string ClientName = "pact-partners";
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);

    public static IDataProtector SecretProtector(IDataProtectionProvider provider) => provider.CreateProtector("esgtrace.pact-partner-secret.v1");

    public async Task<PartnerCallResult> PostEventAsync(PactPartner partner, string eventJson, CancellationToken cancellationToken)
        => await CallAsync(partner, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(partner, "3/events")) { Content = new StringContent(eventJson, Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(PactV3.CloudEventsMediaType + "; charset=UTF-8");
            return request;
        }, read: false, cancellationToken);

    /// <summary>GET /3/footprints/{id}; on success the body is the ProductFootprint (the raw text of "data", as the partner wrote it).</summary>
    public async Task<PartnerCallResult> GetFootprintAsync(PactPartner partner, string footprintId, CancellationToken cancellationToken)
    {
        var result = await CallAsync(partner, () => new HttpRequestMessage(HttpMethod.Get, Endpoint(partner, "3/footprints/" + Uri.EscapeDataString(footprintId))), read: true, cancellationToken);
        if (!result.Success)
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(result.Body!);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                ? result with { Body = data.GetRawText() }
                : new PartnerCallResult(false, "answer without a data object");
        }
        catch (JsonException)
        {
            return new PartnerCallResult(false, "answer is not JSON");
        }
    }

    private static Uri Endpoint(PactPartner partner, string path) => new(new Uri(partner.BaseUrl.TrimEnd('/') + "/"), path);

    private async Task<PartnerCallResult> CallAsync(PactPartner partner, Func<HttpRequestMessage> build, bool read, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var token = await TokenAsync(partner, cancellationToken);
                if (token.Token is null)
                {
                    return new PartnerCallResult(false, token.Outcome);
                }

                using var request = build();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
                using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                {
                    // The token may have been revoked or expired early: one more try with a fresh one.
                    _tokens.TryRemove(partner.Id, out _);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    return new PartnerCallResult(false, $"{status} {(text.Length > 200 ? text[..200] : text)}".Trim());
                }

                return new PartnerCallResult(true, status, read ? await response.Content.ReadAsStringAsync(cancellationToken) : null);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return new PartnerCallResult(false, ex switch
            {
                Polly.CircuitBreaker.BrokenCircuitException => "circuit open: the partner failed repeatedly, calls paused",
                HttpRequestException h => "no answer: " + (h.HttpRequestError == HttpRequestError.Unknown ? h.Message : h.HttpRequestError.ToString()),
                _ => "timed out",
            });
        }
    }

    private async Task<(string? Token, string Outcome)> TokenAsync(PactPartner partner, CancellationToken cancellationToken)
    {
        if (_tokens.TryGetValue(partner.Id, out var cached) && cached.Until > time.GetUtcNow())
        {
            return (cached.Token, "cached");
        }

        string secret;
        try
        {
            secret = SecretProtector(protection).Unprotect(partner.ProtectedClientSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return (null, "the stored client secret cannot be read with this portal's data-protection keys; register the partner again");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, partner.TokenEndpoint) { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(partner.ClientId) + ":" + Uri.EscapeDataString(secret))));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return (null, $"token endpoint answered {(int)response.StatusCode}");
        }

        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            if (!doc.RootElement.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String)
            {
                return (null, "token endpoint answered without an access_token");
            }

            var lifetime = doc.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
            var token = access.GetString()!;
            _tokens[partner.Id] = (token, time.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 60)));
            return (token, "issued");
        }
        catch (JsonException)
        {
            return (null, "token endpoint answered with something other than JSON");
        }
    }
}
