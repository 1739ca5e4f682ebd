using EsgTrace.Domain;

namespace EsgTrace.ApiKeys;

/// <summary>One API key, keyed by its key id.</summary>
[Alias("esg.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Issues the key; the grain's key must be the key id of <paramref name="token"/>.</summary>
    [Alias("Issue")]
    Task<Outcome<IssuedApiKey>> Issue(IssueApiKey command, string token);

    /// <summary>The key's summary when <paramref name="secret"/> matches and the key is not revoked; else null.</summary>
    [Alias("Authenticate")]
    Task<ApiKeySummary?> Authenticate(string secret);

    [Alias("Revoke")]
    Task<Outcome<ApiKeySummary>> Revoke(string actor);

    [Alias("Get")]
    Task<ApiKeySummary?> Get();
}
