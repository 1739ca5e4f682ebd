using NodaTime;

namespace EsgTrace.Pact;

/// <summary>
/// A PACT partner: the API key it calls us with (its PACT client id), its host's base URL (its /3/… endpoints), its token
/// endpoint and the client credentials we call it with; the secret is kept protected by the portal's data-protection
/// keys (<see cref="ProtectedClientSecret"/>) and never leaves the portal in the clear. <see cref="SupplierId"/> names
/// our supplier record when the partner is one of our suppliers.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.pact-partner")]
public sealed record PactPartner(
    string Id,
    string Name,
    string? ApiKeyId,
    string BaseUrl,
    string TokenEndpoint,
    string ClientId,
    string ProtectedClientSecret,
    string? SupplierId,
    Instant UpdatedAt,
    string UpdatedBy);

/// <summary>The PACT partner registry, one grain per partner (key = partner id).</summary>
[Alias("esg.IPactPartnerGrain")]
public interface IPactPartnerGrain : IGrainWithStringKey
{
    /// <summary>Registers or replaces the partner; refused (conflict) when another partner already calls us with the same API key.</summary>
    [Alias("Put")]
    Task<Outcome<PactPartner>> Put(PactPartner partner);

    [Alias("Get")]
    Task<PactPartner?> Get();
}
