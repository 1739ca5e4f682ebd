using System.Text;

namespace EsgTrace.Domain.Tests.GreenIt.Focus;

/// <summary>
/// FOCUS exports written in the column shape each provider publishes: the FOCUS 1.0 columns every export carries, in the
/// provider's order, plus the provider's own x_ columns (AWS Data Exports "FOCUS 1.0 with AWS columns"; Azure Cost
/// Management FOCUS exports; the Google Cloud FOCUS BigQuery view exported as CSV). Cells not given are empty (null).
/// </summary>
public static class FocusExports
{
    private static readonly string[] Focus10 =
    [
        "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass",
        "ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart", "CommitmentDiscountCategory", "CommitmentDiscountId",
        "CommitmentDiscountName", "CommitmentDiscountStatus", "CommitmentDiscountType", "ConsumedQuantity", "ConsumedUnit", "ContractedCost",
        "ContractedUnitPrice", "EffectiveCost", "InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit",
        "ProviderName", "PublisherName", "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId",
        "SkuPriceId", "SubAccountId", "SubAccountName", "Tags",
    ];

    public static readonly string[] AwsColumns = [.. Focus10, "x_CostCategories", "x_Discounts", "x_Operation", "x_ServiceCode", "x_UsageType"];

    public static readonly string[] AzureColumns = [.. Focus10, "SkuPriceDetails", "x_AccountName", "x_BilledCostInUsd", "x_EffectiveCostInUsd", "x_ResourceGroupName", "x_SkuMeterCategory", "x_SkuMeterName"];

    public static readonly string[] GoogleColumns = [.. Focus10, "SkuPriceDetails", "x_Credits", "x_ExportTime", "x_Project"];

    public static string Export(string[] header, params Dictionary<string, string>[] rows)
    {
        var csv = new StringBuilder(string.Join(',', header)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',', header.Select(c => row.TryGetValue(c, out var v) ? Quote(v) : string.Empty)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
