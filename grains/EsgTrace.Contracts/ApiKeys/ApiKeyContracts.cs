using EsgTrace.Accounts;
using NodaTime;

namespace EsgTrace.ApiKeys;

/// <summary>Issue a new API key for a machine client; a <see cref="Role.Supplier"/> key is bound to one supplier id.</summary>
[GenerateSerializer, Immutable, Alias("esg.issue-api-key")]
public sealed record IssueApiKey(string Name, Role Role, string Actor, string? SupplierId = null);

/// <summary>An API key as it may be shown: never its secret or hash.</summary>
[GenerateSerializer, Immutable, Alias("esg.api-key-summary")]
public sealed record ApiKeySummary(string KeyId, string Name, Role Role, Instant CreatedAt, string CreatedBy, Instant? RevokedAt, string? RevokedBy, string? SupplierId = null)
{
    public bool Revoked => RevokedAt is not null;
}

/// <summary>A newly issued key: the token is shown to its creator once and never again.</summary>
[GenerateSerializer, Immutable, Alias("esg.issued-api-key")]
public sealed record IssuedApiKey(ApiKeySummary Key, string Token);
