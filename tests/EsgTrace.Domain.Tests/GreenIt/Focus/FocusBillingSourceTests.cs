using EsgTrace.GreenIt;
using NodaTime;
using Xunit;
using static EsgTrace.Domain.Tests.GreenIt.Focus.FocusExports;

namespace EsgTrace.Domain.Tests.GreenIt.Focus;

/// <summary>
/// FOCUS billing lines through the CIO's mapping rules and the CCF method, each figure worked out by hand. CCF constants
/// used: AWS 0.74–3.5 W per vCPU, PUE 1.135, eu-central-1 0.311 kg/kWh; Azure 0.74–3.54 W, PUE 1.185, westeurope (EU_WEST)
/// 0.3284 kg/kWh; Google Cloud 0.68–4.11 W, europe-west1 PUE 1.09 and 0.11 kg/kWh (grid only); utilisation unknown, so
/// CCF's 50 %; memory 0.000392 kWh/GB-h; SSD 1.2 Wh/TB-h; network 0.001 kWh/GB.
/// </summary>
public sealed class FocusBillingSourceTests
{
    private static List<UsageRead> Read(BillingRuleSet rules, string csv) => new FocusBillingSource(rules).Read(new StringReader(csv)).ToList();

    private static BillingRuleSet Rules(params BillingRule[] rules) => new(1, rules);

    private static UsageEmissions Emissions(UsageRow row, string provider, string region)
        => UsageEmissionsCalculator.Of(row.WorkloadId, new WorkloadDefinition(row.WorkloadId, "it", provider, region, "run"), row).Emissions!;

    [Fact]
    public void AwsExport_MapsByResourceAndTag_ConvertsHoursStorageAndTransfer_AndReportsTheUnmapped()
    {
        var rules = Rules(
            new BillingRule("shop-web", ResourceIdPrefix: "arn:aws:ec2:eu-central-1:111122223333:instance/i-0shop", VcpusPerInstance: 2),
            new BillingRule("shop-web", TagKey: "app", TagValue: "shop", StorageMedium: "ssd"));
        var csv = Export(AwsColumns,
            Line("2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z", "Usage", "Compute", "Amazon Elastic Compute Cloud", "arn:aws:ec2:eu-central-1:111122223333:instance/i-0shop1", "24", "Hrs", "2.304", "1.90", "USD",
                ("x_UsageType", "EUC1-BoxUsage:m6i.large"), ("x_ServiceCode", "AmazonEC2")),
            Line("2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z", "Usage", "Storage", "Amazon Elastic Compute Cloud", "arn:aws:ec2:eu-central-1:111122223333:volume/vol-0abc", "100", "GB-Mo", "10.00", "8.00", "USD",
                ("Tags", """{"app":"shop","env":"prod"}"""), ("x_UsageType", "EUC1-EBS:VolumeUsage.gp3")),
            Line("2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z", "Usage", "Networking", "AWS Data Transfer", "arn:aws:ec2:eu-central-1:111122223333:instance/i-0shop1", "50", "GB", "4.50", "4.50", "USD"),
            Line("2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z", "Usage", "Storage", "Amazon Simple Storage Service", "arn:aws:s3:::other-bucket", "20", "GB-Mo", "3.00", "3.00", "USD"),
            Line("2025-03-01T00:00:00Z", "2025-04-01T00:00:00Z", "Tax", "Other", "Tax", "", "", "", "1.20", "1.20", "USD"));

        var read = Read(rules, csv);

        Assert.All(read, r => Assert.Empty(r.Errors));
        var rows = read.Select(r => r.Row).OfType<UsageRow>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal("shop-web", r.WorkloadId));

        // EC2: 24 instance-hours × 2 vCPUs (the rule: AWS's FOCUS 1.0 export has no SkuPriceDetails) = 48 vCPU-h, one day
        var ec2 = rows[0];
        Assert.Equal((new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 1)), (ec2.PeriodStart, ec2.PeriodEnd));
        Assert.Equal(48m, ec2.Usage.VcpuHours);
        Assert.Equal(new UsageCost(2.304m, 1.90m, "USD"), ec2.Cost);
        // (0.74 + 50 % × (3.5 − 0.74)) W = 2.12 W × 48 vCPU-h × PUE 1.135 / 1000 = 0.1154976 kWh × 0.311 = 0.0359197536 kg
        var ec2e = Emissions(ec2, "aws", "eu-central-1");
        Assert.Equal(0.1154976m, ec2e.Result.TotalKwh);
        Assert.Equal(0.0359197536m, ec2e.Result.OperationalKgCo2e);
        Assert.Equal(ec2.Cost, ec2e.Cost);

        // EBS, matched by its tag: 100 GB-months in March (31 days × 24 h = 744 h) = 74,400 GB-h = 74.4 TB-h of SSD (the rule's medium)
        var ebs = rows[1];
        Assert.Equal((new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 31)), (ebs.PeriodStart, ebs.PeriodEnd));
        Assert.Equal(74.4m, ebs.Usage.SsdTbHours);
        // 74.4 TB-h × 1.2 Wh × PUE 1.135 / 1000 = 0.1013328 kWh × 0.311 = 0.0315145008 kg
        Assert.Equal(0.0315145008m, Emissions(ebs, "aws", "eu-central-1").Result.OperationalKgCo2e);

        // Data transfer: 50 GB × 0.001 kWh/GB × PUE 1.135 = 0.05675 kWh × 0.311 = 0.01764925 kg
        Assert.Equal(50m, rows[2].Usage.NetworkGb);
        Assert.Equal(0.01764925m, Emissions(rows[2], "aws", "eu-central-1").Result.OperationalKgCo2e);

        // Not guessed: the S3 bucket and the tax line match no rule; both are reported with their cost.
        var unmapped = read.Where(r => r.Unmapped is not null).Select(r => r.Unmapped!).ToList();
        Assert.Equal([5L, 6L], unmapped.Select(u => u.Line));
        Assert.All(unmapped, u => Assert.False(u.Attributed));
        Assert.Equal(new UsageCost(3.00m, 3.00m, "USD"), unmapped[0].Cost);
        Assert.StartsWith("not mapped to a workload", unmapped[0].Reason, StringComparison.Ordinal);

        // The same line in a later export has the same source key (it replaces); the three charges have different keys (they add up).
        Assert.Equal(3, rows.Select(r => r.SourceKey).Distinct().Count());
        Assert.Equal(rows[0].SourceKey, Read(rules, csv)[0].Row!.SourceKey);
    }

    [Fact]
    public void AzureExport_UsesSkuPriceDetails_IsCaseInsensitiveOnResourceIds_AndKeepsTheCostOfUsageItCannotEstimate()
    {
        var rules = Rules(new BillingRule("analytics", ResourceIdPrefix: "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/analytics-rg/"));
        var csv = Export(AzureColumns,
            Line("2025-02-01T00:00:00Z", "2025-02-02T00:00:00Z", "Usage", "Compute", "Virtual Machines", "/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/analytics-rg/providers/microsoft.compute/virtualmachines/bi-vm1", "24", "1 Hour", "3.84", "3.84", "EUR",
                ("ProviderName", "Microsoft"), ("RegionId", "westeurope"), ("SkuPriceDetails", """{"CoreCount":4,"InstanceType":"D4s_v5"}"""), ("x_ResourceGroupName", "analytics-rg")),
            Line("2025-02-01T00:00:00Z", "2025-03-01T00:00:00Z", "Usage", "Storage", "Storage", "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/analytics-rg/providers/Microsoft.Compute/disks/bi-os", "128", "1 GB/Month", "9.60", "9.60", "EUR",
                ("ProviderName", "Microsoft"), ("RegionId", "westeurope"), ("SkuPriceDetails", """{"DiskType":"SSD"}""")),
            Line("2025-02-01T00:00:00Z", "2025-02-02T00:00:00Z", "Usage", "Storage", "Storage", "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/analytics-rg/providers/Microsoft.Storage/storageAccounts/bilogs", "7", "10K", "0.03", "0.03", "EUR",
                ("ProviderName", "Microsoft"), ("RegionId", "westeurope")),
            Line("2025-02-01T00:00:00Z", "2025-02-02T00:00:00Z", "Usage", "Compute", "Virtual Machines", "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/other-rg/providers/Microsoft.Compute/virtualMachines/x", "24", "1 Hour", "1.00", "1.00", "EUR",
                ("ProviderName", "Microsoft"), ("RegionId", "westeurope")));

        var read = Read(rules, csv);

        // VM: 24 h × CoreCount 4 = 96 vCPU-h; (0.74 + 50 % × 2.8) W = 2.14 W × 96 × PUE 1.185 / 1000 = 0.2434464 kWh × 0.3284 = 0.07994779776 kg
        var vm = read[0].Row!;
        Assert.Equal(96m, vm.Usage.VcpuHours);
        Assert.Equal(0.07994779776m, Emissions(vm, "azure", "westeurope").Result.OperationalKgCo2e);
        Assert.Equal(new UsageCost(3.84m, 3.84m, "EUR"), vm.Cost);

        // Disk: 128 GB-months in February 2025 (28 days × 24 h = 672 h) = 86,016 GB-h = 86.016 TB-h of SSD (DiskType)
        // 86.016 × 1.2 Wh × PUE 1.185 / 1000 = 0.122314752 kWh × 0.3284 = 0.0401681645568 kg
        var disk = read[1].Row!;
        Assert.Equal(86.016m, disk.Usage.SsdTbHours);
        Assert.Equal(0.0401681645568m, Emissions(disk, "azure", "westeurope").Result.OperationalKgCo2e);

        // Storage transactions ("10K" operations) are no input of the method: the cost stays on the workload, the line is reported.
        var transactions = read[2];
        Assert.Equal(0m, transactions.Row!.Usage.VcpuHours + transactions.Row.Usage.SsdTbHours + transactions.Row.Usage.NetworkGb);
        Assert.Equal(new UsageCost(0.03m, 0.03m, "EUR"), transactions.Row.Cost);
        Assert.True(transactions.Unmapped!.Attributed);
        Assert.Contains("ConsumedUnit '10K'", transactions.Unmapped.Reason, StringComparison.Ordinal);

        // Another resource group: no rule.
        Assert.Null(read[3].Row);
        Assert.False(read[3].Unmapped!.Attributed);
    }

    [Fact]
    public void GoogleCloudExport_MapsBySubAccount_ReadsGibibyteUnits_AndReportsUsageWithoutARegion()
    {
        var rules = Rules(new BillingRule("nightly-etl", SubAccountId: "etl-prod", VcpusPerInstance: 1));
        var csv = Export(GoogleColumns,
            Line("2025-01-15T00:00:00Z", "2025-01-16T00:00:00Z", "Usage", "Compute", "Compute Engine", "//compute.googleapis.com/projects/etl-prod/zones/europe-west1-b/instances/etl-1", "100", "hour", "3.10", "2.50", "USD",
                ("ProviderName", "Google Cloud"), ("RegionId", "europe-west1"), ("SubAccountId", "etl-prod"), ("ChargeDescription", "N2 Instance Core running in Belgium")),
            Line("2025-01-15T00:00:00Z", "2025-01-16T00:00:00Z", "Usage", "Compute", "Compute Engine", "//compute.googleapis.com/projects/etl-prod/zones/europe-west1-b/instances/etl-1", "400", "gibibyte hour", "1.60", "1.30", "USD",
                ("ProviderName", "Google Cloud"), ("RegionId", "europe-west1"), ("SubAccountId", "etl-prod"), ("ChargeDescription", "N2 Instance Ram running in Belgium")),
            Line("2025-01-15T00:00:00Z", "2025-01-16T00:00:00Z", "Usage", "Networking", "Networking", "", "10", "gibibyte", "1.20", "1.20", "USD",
                ("ProviderName", "Google Cloud"), ("RegionId", "europe-west1"), ("SubAccountId", "etl-prod")),
            Line("2025-01-15T00:00:00Z", "2025-01-16T00:00:00Z", "Usage", "Compute", "Cloud Run", "", "3", "hour", "0.40", "0.40", "USD",
                ("ProviderName", "Google Cloud"), ("RegionId", ""), ("SubAccountId", "etl-prod")),
            Line("2025-01-15T00:00:00Z", "2025-01-16T00:00:00Z", "Credit", "Compute", "Compute Engine", "", "", "", "-1.00", "-1.00", "USD",
                ("ProviderName", "Google Cloud"), ("RegionId", "europe-west1"), ("SubAccountId", "etl-prod")));

        var read = Read(rules, csv);

        // Cores billed per core-hour: 100 h × 1 = 100 vCPU-h; (0.68 + 50 % × 3.43) W = 2.395 W × 100 × PUE 1.09 / 1000 = 0.261055 kWh × 0.11 = 0.02871605 kg
        Assert.Equal(0.02871605m, Emissions(read[0].Row!, "gcp", "europe-west1").Result.OperationalKgCo2e);
        // RAM: 400 GiB-h × 1.073741824 = 429.4967296 GB-h × 0.000392 × PUE 1.09 = 0.183515362623488 kWh × 0.11 = 0.02018668988858368 kg
        Assert.Equal(429.4967296m, read[1].Row!.Usage.MemoryGbHours);
        Assert.Equal(0.02018668988858368m, Emissions(read[1].Row!, "gcp", "europe-west1").Result.OperationalKgCo2e);
        // Egress: 10 GiB = 10.73741824 GB × 0.001 × PUE 1.09 = 0.0117037858816 kWh × 0.11 = 0.001287416446976 kg
        Assert.Equal(0.001287416446976m, Emissions(read[2].Row!, "gcp", "europe-west1").Result.OperationalKgCo2e);
        // Usage with a null RegionId: no grid factor applies, so no energy; the cost stays with the workload.
        Assert.True(read[3].Unmapped!.Attributed);
        Assert.Contains("RegionId is null", read[3].Unmapped!.Reason, StringComparison.Ordinal);
        Assert.Equal(0.40m, read[3].Row!.Cost!.BilledCost);
        // A credit is cost (negative), no usage.
        Assert.Equal(-1.00m, read[4].Row!.Cost!.BilledCost);
        Assert.Equal(0m, Emissions(read[4].Row!, "gcp", "europe-west1").Result.TotalKwh);
        // The workload's cost in its currency, beside its carbon: 3.10 + 1.60 + 1.20 + 0.40 − 1.00 = 5.30 USD billed, 2.50 + 1.30 + 1.20 + 0.40 − 1.00 = 4.40 effective.
        var cost = read.Select(r => r.Row?.Cost).OfType<UsageCost>().Aggregate((a, b) => a.Plus(b));
        Assert.Equal(new UsageCost(5.30m, 4.40m, "USD"), cost);
    }

    [Fact]
    public void MalformedLines_AreErrorsWithLineAndColumn_AndTheCheckRefusesTheFile()
    {
        var rules = Rules(new BillingRule("shop-web", ResourceIdPrefix: "arn:"));
        var csv = Export(AwsColumns,
            Line("2025-03-01T00:00:00Z", "2025-03-02T00:00:00Z", "Usage", "Compute", "EC2", "arn:x", "1", "vCPU-Hours", "0.1", "0.1", "USD"),
            Line("2025-03-01", "2025-03-02T00:00:00Z", "Usage", "Compute", "EC2", "arn:x", "1", "vCPU-Hours", "abc", "0.1", "usd"),
            Line("2025-03-02T00:00:00Z", "2025-03-01T00:00:00Z", "Discount", "Compute", "EC2", "arn:x", "1", "", "0.1", "0.1", "USD", ("Tags", "not json")));

        var check = UsageImportChecker.Check(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), new FocusBillingSource(rules));

        Assert.False(check.IsValid);
        var errors = check.Errors.Select(e => (e.Line, e.Column)).ToList();
        Assert.Equal(
            [(3L, "ChargePeriodStart"), (3L, "BilledCost"), (3L, "BillingCurrency"), (4L, "ChargePeriodEnd"), (4L, "ChargeCategory"), (4L, "ConsumedUnit"), (4L, "Tags")],
            errors);
        Assert.Equal(3, check.Rows);
    }

    [Fact]
    public void MissingMandatoryColumns_AreNamed()
    {
        var read = Read(Rules(new BillingRule("w", ServiceName: "x")), "ChargePeriodStart,ProviderName,BilledCost\r\n2025-01-01T00:00:00Z,AWS,1\r\n");

        var error = Assert.Single(Assert.Single(read).Errors);
        Assert.Equal("ChargePeriodEnd, ChargeCategory, ServiceCategory, EffectiveCost, BillingCurrency", error.Column);
    }

    [Theory]
    [InlineData("Hrs", FocusMeasure.InstanceHours, 1)]
    [InlineData("10 Hours", FocusMeasure.InstanceHours, 10)]
    [InlineData("vCPU-Hours", FocusMeasure.VcpuHours, 1)]
    [InlineData("GB-Mo", FocusMeasure.DataMonths, 1)]
    [InlineData("1 GB/Month", FocusMeasure.DataMonths, 1)]
    [InlineData("GiB-Hours", FocusMeasure.DataHours, 1.073741824)]
    [InlineData("TB", FocusMeasure.Data, 1000)]
    [InlineData("Requests", FocusMeasure.Unknown, 0)]
    [InlineData("GB-Hours/Month", FocusMeasure.Unknown, 0)]
    public void ConsumedUnits_AreReadAsTheProvidersWriteThem(string unit, FocusMeasure measure, double factor)
        => Assert.Equal((measure, (decimal)factor), FocusUnits.Read(unit));

    private static Dictionary<string, string> Line(string start, string end, string category, string serviceCategory, string service, string resource, string quantity, string unit,
        string billed, string effective, string currency, params (string Column, string Value)[] more)
    {
        var line = new Dictionary<string, string>
        {
            ["ChargePeriodStart"] = start, ["ChargePeriodEnd"] = end, ["BillingPeriodStart"] = start[..8] + "01T00:00:00Z", ["ChargeCategory"] = category, ["ChargeClass"] = "",
            ["ServiceCategory"] = serviceCategory, ["ServiceName"] = service, ["ResourceId"] = resource, ["ConsumedQuantity"] = quantity, ["ConsumedUnit"] = unit,
            ["BilledCost"] = billed, ["EffectiveCost"] = effective, ["BillingCurrency"] = currency, ["ProviderName"] = "AWS", ["PublisherName"] = "AWS",
            ["RegionId"] = "eu-central-1", ["RegionName"] = "Europe (Frankfurt)", ["SubAccountId"] = "111122223333", ["ChargeFrequency"] = "Usage-Based",
        };
        foreach (var (column, value) in more)
        {
            line[column] = value;
        }

        return line;
    }
}
