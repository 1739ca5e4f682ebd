using EsgTrace.ApiKeys;
using EsgTrace.Audit;
using NodaTime;

namespace EsgTrace.Accounts;

/// <summary>Read-only listings over the indexes (accounts, API keys, audit trail), so clients never touch storage themselves.</summary>
[Alias("esg.IDirectoryGrain")]
public interface IDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("ListUsers")]
    Task<Page<UserProfile>> ListUsers(string? afterKey, int pageSize);

    [Alias("ListApiKeys")]
    Task<Page<ApiKeySummary>> ListApiKeys(string? afterKey, int pageSize);

    [Alias("ReadAudit")]
    Task<AuditPage> ReadAudit(LocalDate day, string? afterKey, int pageSize);

    /// <summary>Records something a partner system told us (e.g. a PACT event) in the audit trail.</summary>
    [Alias("RecordAudit")]
    Task RecordAudit(EsgTrace.Audit.AuditRecord record);
}

/// <summary>A page of a listing; <see cref="NextAfterKey"/> continues it, null at the end.</summary>
[GenerateSerializer, Immutable, Alias("esg.page`1")]
public sealed record Page<T>([property: Id(0)] IReadOnlyList<T> Items, [property: Id(1)] string? NextAfterKey);
