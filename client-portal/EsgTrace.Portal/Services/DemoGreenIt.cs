using System.Globalization;
using System.Text;
using EsgTrace.Domain;
using EsgTrace.GreenIt;
using NodaTime;

namespace EsgTrace.Portal.Services;

/// <summary>
/// Demo IT estate seeded at first start: five workloads on AWS, GCP, Azure and an on-premises site in Germany, 22 months
/// of monthly usage (January 2025 to October 2026, illustrative figures), three actions (a rightsizing, a hardware
/// refresh, a decommissioning) and a −30 % target for 2030 against 2025. Coefficients and grid factors are CCF's.
/// </summary>
public static class DemoGreenIt
{
    public const string ShopApi = "shop-api";
    private const string Actor = "system:demo-seed";

    public static async Task SeedAsync(GreenItService s)
    {
        if (await s.GetWorkloadAsync(ShopApi) is not null)
        {
            return;
        }

        await Must(s.DefineWorkloadAsync(ShopApi, new WorkloadDefinition("Web shop API", "E-commerce team", "aws", "eu-central-1", "1,000 requests",
            ["eu-west-3", "eu-north-1"], 0, null, new HardwareShare(1_800m, 96m, "Demo figure: illustrative embodied emissions of a 96-vCPU host")), Actor));
        await Must(s.DefineWorkloadAsync("nightly-etl", new WorkloadDefinition("Nightly ETL pipeline", "Data platform", "gcp", "europe-west3", "pipeline run",
            ["europe-west1", "europe-north1"], 100), Actor));
        await Must(s.DefineWorkloadAsync("analytics", new WorkloadDefinition("Sales analytics", "BI team", "azure", "westeurope", "report",
            ["swedencentral", "francecentral"], 50), Actor));
        await Must(s.DefineWorkloadAsync("erp-onprem", new WorkloadDefinition("ERP (own data centre, Frankfurt)", "IT operations", "on-premises", "DE", "user-month",
            [], 0, 1.5m), Actor));
        await Must(s.DefineWorkloadAsync("legacy-reporting", new WorkloadDefinition("Legacy reporting server", "BI team", "aws", "eu-west-1", "report"), Actor));

        var status = await s.ImportUsageAsync(Encoding.UTF8.GetBytes(UsageCsv()), Actor, TimeSpan.FromSeconds(30));
        if (status.Value is not { Phase: UsageImportPhase.Applied })
        {
            throw new InvalidOperationException($"Seeding demo usage failed: {status.Problem?.Detail ?? status.Value?.Phase.ToString()}");
        }

        await Must(s.RecordActionAsync("rightsize-shop-api", new GreenItAction("Rightsize the shop API from 8 to 4 vCPUs", GreenItActionKind.Rightsizing,
            new LocalDate(2026, 6, 1), [ShopApi], 35, "Load tests showed 20 % CPU at peak.", new ActionCost(1200, 310, SavingPeriod.Month, "EUR")), Actor));
        await Must(s.RecordActionAsync("erp-hardware-refresh", new GreenItAction("Replace ERP servers with current-generation hardware", GreenItActionKind.HardwareRefresh,
            new LocalDate(2026, 3, 1), ["erp-onprem"], 25, Cost: new ActionCost(48000, 9600, SavingPeriod.Year, "EUR")), Actor));
        await Must(s.RecordActionAsync("retire-legacy-reporting", new GreenItAction("Retire the legacy reporting server", GreenItActionKind.Decommissioning,
            new LocalDate(2026, 3, 1), ["legacy-reporting"], 100, "Reports moved to Sales analytics.", new ActionCost(800, 450, SavingPeriod.Month, "EUR")), Actor));
        await Must(s.SetTargetAsync(new GreenItTarget(2025, 2030, 30, "−30 % IT emissions by 2030 (location-based, vs 2025)"), Actor));
    }

    /// <summary>Monthly usage rows; figures are illustrative and change where the actions take effect.</summary>
    public static string UsageCsv()
    {
        var csv = new StringBuilder("workload_id,period_start,period_end,provider,region,vcpu_hours,cpu_utilisation_percent,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb,replication_factor,measured_kwh,functional_units\n");
        void Row(string id, LocalDate month, string provider, string region, decimal vcpuH, decimal? util, decimal memGbH, decimal ssdTbH, decimal hddTbH, decimal netGb, int replication, decimal? kwh, decimal units)
        {
            var end = month.PlusMonths(1).PlusDays(-1);
            csv.Append(CultureInfo.InvariantCulture, $"{id},{month:yyyy-MM-dd},{end:yyyy-MM-dd},{provider},{region},{vcpuH},{util},{memGbH},{ssdTbH},{hddTbH},{netGb},{replication},{kwh},{units}\n");
        }

        for (var i = 0; i < 22; i++)
        {
            var month = new LocalDate(2025, 1, 1).PlusMonths(i);
            var hours = (decimal)(month.PlusMonths(1).PlusDays(-1).Day * 24);
            var requests = Math.Round(40_000m * (1 + (0.02m * i)));
            var rightsized = month >= new LocalDate(2026, 6, 1);
            Row(ShopApi, month, "aws", "eu-central-1", (rightsized ? 4 : 8) * hours, rightsized ? 40 : 20, (rightsized ? 16 : 32) * hours, 0.5m * hours, 0, 500, 2, null, requests);
            Row("nightly-etl", month, "gcp", "europe-west3", 16 * 4 * 30, 80, 64 * 4 * 30, 0, 2 * hours, 200, 1, null, 30);
            Row("analytics", month, "azure", "westeurope", 8 * hours, null, 56 * hours, 1 * hours, 0, 120, 1, null, 1_000 + (20 * i));
            Row("erp-onprem", month, "on-premises", "DE", 32 * hours, 35, 256 * hours, 4 * hours, 0, 0, 1, month >= new LocalDate(2026, 3, 1) ? 1_300 : 1_800, 250);
            if (month < new LocalDate(2026, 3, 1))
            {
                Row("legacy-reporting", month, "aws", "eu-west-1", 4 * hours, 10, 16 * hours, 0.2m * hours, 0, 20, 1, null, 300);
            }
        }

        return csv.ToString();
    }

    private static Task Must<T>(Task<Outcome<T>> call) => DemoSeed.Must(call, "the demo IT estate");
}
