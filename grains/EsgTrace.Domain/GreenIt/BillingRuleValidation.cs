namespace EsgTrace.GreenIt;

/// <summary>What makes a set of billing mapping rules acceptable: each rule names a workload and at least one condition.</summary>
public static class BillingRuleValidation
{
    public const int MaxRules = 1_000;

    public static DomainProblem? Check(IReadOnlyList<BillingRule>? rules)
    {
        var v = new Validation().Check(rules is { Count: > 0 and <= MaxRules }, "rules", $"Send 1 to {MaxRules} rules.");
        for (var i = 0; rules is not null && i < rules.Count; i++)
        {
            var r = rules[i];
            var at = $"rules[{i}]";
            v.Check(r is not null && Validation.IsId(r.WorkloadId), $"{at}.workloadId", "A workload id is 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
            if (r is null)
            {
                continue;
            }

            v.Check(r.ResourceIdPrefix is not null || r.TagKey is not null || r.SubAccountId is not null || r.ServiceName is not null, at,
                    "A rule needs at least one condition: resourceIdPrefix, tagKey (with tagValue), subAccountId or serviceName.")
                .Check(r.TagValue is null || r.TagKey is not null, $"{at}.tagValue", "A tag value needs its tagKey.")
                .Check(r.VcpusPerInstance is null or (> 0 and <= 1024), $"{at}.vcpusPerInstance", "vCPUs per instance are above 0 and at most 1024.")
                .Check(r.StorageMedium is null || r.StorageMedium.ToLowerInvariant() is "ssd" or "hdd", $"{at}.storageMedium", "The storage medium is 'ssd' or 'hdd'.")
                .Check(new[] { r.ResourceIdPrefix, r.TagKey, r.TagValue, r.SubAccountId, r.ServiceName }.All(t => t is null || (t.Length is > 0 and <= 500)), at, "Conditions are 1-500 characters.");
        }

        return v.IsValid ? null : v.ToProblem();
    }
}
