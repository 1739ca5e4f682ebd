namespace EsgTrace.Epcis;

/// <summary>The seam through which subscriptions POST their deliveries (implemented by the silo with IHttpClientFactory).</summary>
public interface IWebhookSender
{
    /// <summary>POSTs <paramref name="body"/> as application/ld+json with the signature header if given; never throws for the destination's failures.</summary>
    Task<WebhookResult> PostAsync(string dest, byte[] body, string? signature, CancellationToken cancellationToken);
}

/// <summary>What a destination answered: success (2xx), and a short outcome for the delivery status ("200", "503", "timed out", …).</summary>
public sealed record WebhookResult(bool Success, string Outcome);
