using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using EsgTrace.Epcis;
using Microsoft.Extensions.Options;

namespace EsgTrace.Hosting.Epcis;

/// <summary>
/// Posts webhook deliveries through the named client <see cref="ClientName"/> (IHttpClientFactory; its resilience pipeline
/// times each try out and retries a transient failure once). Redirects are not followed, and unless
/// <c>Epcis:Subscriptions:AllowPrivateDestinations</c> is set the connection is refused for any non-public address a
/// destination's name resolves to (checked at connect time, so DNS cannot point a public name at the internal network).
/// </summary>
public sealed class HttpWebhookSender(IHttpClientFactory clients) : IWebhookSender
{
    public const string ClientName = "epcis-webhooks";
    private static readonly MediaTypeHeaderValue JsonLd = new("application/ld+json");

    public async Task<WebhookResult> PostAsync(string dest, byte[] body, string? signature, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, dest) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = JsonLd;
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookSignature.Header, signature);
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            return new WebhookResult(response.IsSuccessStatusCode, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            return new WebhookResult(false, ex switch
            {
                HttpRequestException { InnerException: DestinationRefusedException refused } => refused.Message,
                HttpRequestException h => "no answer: " + (h.HttpRequestError == HttpRequestError.Unknown ? h.Message : h.HttpRequestError.ToString()),
                _ => "timed out",
            });
        }
    }

    /// <summary>The primary handler: no redirects, no cookies, and the private-address check at connect time.</summary>
    public static SocketsHttpHandler Handler(EpcisSubscriptionOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = options.Timeout,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
            if (!options.AllowPrivateDestinations)
            {
                addresses = [.. addresses.Where(WebhookDestinations.IsPublic)];
                if (addresses.Length == 0)
                {
                    throw new DestinationRefusedException($"refused: {context.DnsEndPoint.Host} is not a public address (Epcis:Subscriptions:AllowPrivateDestinations)");
                }
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private sealed class DestinationRefusedException(string message) : IOException(message);
}
