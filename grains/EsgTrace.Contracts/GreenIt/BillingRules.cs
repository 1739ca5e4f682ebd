using NodaTime;

namespace EsgTrace.GreenIt;

/// <summary>
/// One of the CIO's rules that map FOCUS billing lines to a workload. Every condition given must hold (and at least one is
/// given): ResourceId starts with <see cref="ResourceIdPrefix"/> (case-insensitive), the Tags JSON holds
/// <see cref="TagKey"/> (with <see cref="TagValue"/> when given), SubAccountId equals, ServiceName equals (case-insensitive).
/// <see cref="VcpusPerInstance"/> says how many vCPUs one instance-hour of the matched compute has when the line's
/// SkuPriceDetails does not state CoreCount; <see cref="StorageMedium"/> (ssd|hdd) says what the matched storage is when
/// SkuPriceDetails does not state DiskType. Rules are tried in order; the first that matches wins.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.billing-rule")]
public sealed record BillingRule(
    string WorkloadId,
    string? ResourceIdPrefix = null,
    string? TagKey = null,
    string? TagValue = null,
    string? SubAccountId = null,
    string? ServiceName = null,
    decimal? VcpusPerInstance = null,
    string? StorageMedium = null);

/// <summary>A version of the mapping rules: immutable once set; each import names the version it used.</summary>
[GenerateSerializer, Immutable, Alias("esg.billing-rule-set")]
public sealed record BillingRuleSet(int Version, IReadOnlyList<BillingRule> Rules, Instant? SetAt = null, string? SetBy = null);
