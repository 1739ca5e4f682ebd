using System.Text.Json;
using Azure.Data.Tables;
using EsgTrace.Hosting.Azure;
using Orleans.Runtime;

namespace EsgTrace.Hosting.Clustering;

/// <summary>
/// How one cluster's membership is laid out in its Azure table partition (partition key = the cluster id): one version
/// row, whose ETag guards every membership change, and one row per silo (row key = the silo address), each column a plain
/// value an operator can read in a table browser.
/// </summary>
public static class MembershipEntity
{
    public const string VersionRowKey = "VersionRow";
    private const string VersionColumn = "MembershipVersion";

    public static TableEntity Version(string partition, int version, string? etag = null)
    {
        var entity = new TableEntity(partition, VersionRowKey) { [VersionColumn] = version };
        if (etag is not null)
        {
            entity.ETag = new global::Azure.ETag(etag);
        }

        return entity;
    }

    public static int ReadVersion(TableEntity entity) => entity.GetInt32(VersionColumn) ?? 0;

    public static bool IsVersionRow(TableEntity entity) => entity.RowKey == VersionRowKey;

    public static string RowKey(SiloAddress silo) => AzureKeys.Escape(silo.ToParsableString());

    public static TableEntity Silo(string partition, MembershipEntry entry) => new(partition, RowKey(entry.SiloAddress))
    {
        ["Address"] = entry.SiloAddress.ToParsableString(),
        ["Status"] = entry.Status.ToString(),
        ["ProxyPort"] = entry.ProxyPort,
        ["HostName"] = entry.HostName,
        ["SiloName"] = entry.SiloName,
        ["RoleName"] = entry.RoleName,
        ["UpdateZone"] = entry.UpdateZone,
        ["FaultZone"] = entry.FaultZone,
        ["StartTime"] = Utc(entry.StartTime),
        ["IAmAliveTime"] = Utc(entry.IAmAliveTime),
        ["Suspicions"] = JsonSerializer.Serialize((entry.SuspectTimes ?? []).Select(s => new Suspicion(s.Item1.ToParsableString(), Utc(s.Item2)))),
    };

    /// <summary>Only the liveness column, merged into the silo's row without touching the version (Orleans' I-am-alive heartbeat).</summary>
    public static TableEntity Heartbeat(string partition, MembershipEntry entry) => new(partition, RowKey(entry.SiloAddress))
    {
        ["IAmAliveTime"] = Utc(entry.IAmAliveTime),
    };

    public static MembershipEntry ToEntry(TableEntity entity)
    {
        var suspicions = JsonSerializer.Deserialize<Suspicion[]>(entity.GetString("Suspicions") ?? "[]") ?? [];
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.FromParsableString(entity.GetString("Address")),
            Status = Enum.Parse<SiloStatus>(entity.GetString("Status")),
            ProxyPort = entity.GetInt32("ProxyPort") ?? 0,
            HostName = entity.GetString("HostName"),
            SiloName = entity.GetString("SiloName"),
            RoleName = entity.GetString("RoleName"),
            UpdateZone = entity.GetInt32("UpdateZone") ?? 0,
            FaultZone = entity.GetInt32("FaultZone") ?? 0,
            StartTime = (entity.GetDateTimeOffset("StartTime") ?? DateTimeOffset.MinValue).UtcDateTime,
            IAmAliveTime = (entity.GetDateTimeOffset("IAmAliveTime") ?? DateTimeOffset.MinValue).UtcDateTime,
            SuspectTimes = suspicions.Select(s => Tuple.Create(SiloAddress.FromParsableString(s.Silo), s.At.UtcDateTime)).ToList(),
        };
    }

    // Orleans keeps these as DateTime in UTC; an unspecified kind is taken as UTC too, never as local time. Azure Tables
    // store nothing before 1601, so an unset time (DateTime.MinValue) is kept as that earliest date.
    private static readonly DateTime Earliest = new(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTimeOffset Utc(DateTime time)
    {
        var utc = DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc);
        return new DateTimeOffset(utc < Earliest ? Earliest : utc);
    }

    private sealed record Suspicion(string Silo, DateTimeOffset At);
}
