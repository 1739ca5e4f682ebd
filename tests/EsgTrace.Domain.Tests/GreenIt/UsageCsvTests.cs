using EsgTrace.GreenIt;
using Xunit;

namespace EsgTrace.Domain.Tests.GreenIt;

public sealed class UsageCsvTests
{
    private const string Csv =
        "workload_id,period_start,period_end,provider,region,vcpu_hours,cpu_utilisation_percent,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,replication_factor,functional_units\r\n" +
        "shop-api,2026-10-01,2026-10-31,aws,eu-central-1,1000,30,3000,10,5,200,2,50000\r\n" +
        "shop-api,2026-11-01,2026-10-31,aws,eu-central-1,1000,30,3000,10,5,200,2,50000\r\n" +
        "erp,2026-10-01,2026-10-31,oracle-cloud,\"Frankfurt, DE\",12,,40,1,0,-3,,\r\n" +
        "\"billing \"\"v2\"\"\",2026-10-01,2026-10-31,on-premises,\"Site A,\nHall 2\",5,,8,0,0,1,,\r\n" +
        "batch,2026-10-01,2026-10-31,gcp,europe-west3,abc,150,1,0,0,0,0,\r\n";

    [Fact]
    public void GoodRows_AreRead_BadRowsAreReportedByLineAndColumn()
    {
        var results = UsageCsv.Read(new StringReader(Csv)).ToList();

        var good = results.Where(r => r.Row is not null).Select(r => r.Row!).ToList();
        var errors = results.SelectMany(r => r.Errors).ToList();
        Assert.Equal(["shop-api"], good.Select(r => r.WorkloadId));
        Assert.Equal(30m, good[0].Usage.CpuUtilisationPercent);
        Assert.Equal(2, good[0].Usage.ReplicationFactor);
        Assert.Equal(50000m, good[0].FunctionalUnits);
        Assert.Contains(errors, e => e is { Line: 3, Column: "period_end" });
        Assert.Contains(errors, e => e is { Line: 4, Column: "provider" });
        Assert.Contains(errors, e => e is { Line: 4, Column: "network_gb" });
        Assert.Contains(errors, e => e is { Line: 5, Column: "workload_id" });      // 'billing "v2"' has a space and quotes
        Assert.Contains(errors, e => e is { Line: 7, Column: "vcpu_hours" });       // the quoted line break moved the line count on
        Assert.Contains(errors, e => e is { Line: 7, Column: "cpu_utilisation_percent" });
    }

    [Fact]
    public void AColumnNamedTwice_IsRefusedWithItsName_NotAnException()
    {
        var result = UsageCsv.Read(new StringReader("workload_id,region,Region\r\nx,eu,eu\r\n")).Single();

        Assert.Null(result.Row);
        Assert.Equal("region", result.Errors.Single().Column);
        Assert.Contains("more than once", result.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingColumns_AreNamed()
    {
        var result = UsageCsv.Read(new StringReader("workload_id,provider\r\nx,aws\r\n")).Single();

        Assert.Null(result.Row);
        Assert.Contains("period_start", result.Errors.Single().Column, StringComparison.Ordinal);
    }
}
