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

