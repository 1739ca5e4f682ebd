using EsgTrace.ApiKeys;
using EsgTrace.Audit;
using EsgTrace.Storage;
using NodaTime;
using Orleans.Concurrency;

namespace EsgTrace.Accounts;

/// <summary>Stateless reader of the account, API-key and audit indexes; scales out with load.</summary>
[StatelessWorker]
public sealed class DirectoryGrain(IIndexStore index, IAuditTrail audit) : Grain, IDirectoryGrain
{
    public const int MaxPageSize = 500;

    public Task RecordAudit(EsgTrace.Audit.AuditRecord record) => audit.RecordAsync(record);

    public async Task<Page<UserProfile>> ListUsers(string? afterKey, int pageSize)
    {
        var (items, next) = await AccountIndexes.ScanAsync<UserProfile>(index, AccountIndexes.Users, afterKey, Clamp(pageSize));
        return new Page<UserProfile>(items, next);
    }

    public async Task<Page<ApiKeySummary>> ListApiKeys(string? afterKey, int pageSize)
    {
        var (items, next) = await AccountIndexes.ScanAsync<ApiKeySummary>(index, AccountIndexes.ApiKeys, afterKey, Clamp(pageSize));
        return new Page<ApiKeySummary>(items, next);
    }

    public Task<AuditPage> ReadAudit(LocalDate day, string? afterKey, int pageSize) => audit.ReadDayAsync(day, afterKey, Clamp(pageSize));

    private static int Clamp(int pageSize) => Math.Clamp(pageSize, 1, MaxPageSize);
}
