using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.GreenIt;

/// <summary>
/// Reads a FinOps FOCUS 1.x cost-and-usage export (CSV with a header of FOCUS column ids, in any order; x_ columns and
/// columns this reader does not use are ignored) and maps each charge to a workload by the CIO's rules, and its usage to
/// the CCF method's inputs. The rules are in docs/focus-billing.md; in short:
/// <list type="bullet">
/// <item>A line is malformed (the file is refused, as every import is all or nothing) when a mandatory column is missing or
/// unreadable: ChargePeriodStart/End (ISO 8601 UTC), ProviderName, ChargeCategory (a FOCUS value), ServiceCategory,
/// BilledCost, EffectiveCost (decimals), BillingCurrency (ISO 4217); or ConsumedQuantity, Tags, SkuPriceDetails are present but unreadable.</item>
/// <item>No rule matches, or the provider is not AWS, Microsoft or Google Cloud: reported with its cost, not imported.</item>
/// <item>A rule matches: the line's BilledCost and EffectiveCost are kept on the workload, in BillingCurrency. Its usage
/// becomes CCF inputs by ConsumedUnit (<see cref="FocusUnits"/>); usage that cannot be read as one is reported ("energy not
/// estimated"), never guessed.</item>
/// </list>
/// Each charge keeps a source key made of its identifying columns, so charges of one workload and day add up, and the same
/// charge in a later export replaces the earlier one.
/// </summary>
public sealed class FocusBillingSource(BillingRuleSet rules) : IUsageSource
{
    public static readonly string[] Required = ["ChargePeriodStart", "ChargePeriodEnd", "ProviderName", "ChargeCategory", "ServiceCategory", "BilledCost", "EffectiveCost", "BillingCurrency"];

    public static readonly string[] ChargeCategories = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"];

    public string Format => UsageImportFormats.Focus;

    public IEnumerable<UsageRead> Read(TextReader reader)
    {
        var csv = new CsvRecordReader(reader);
        if (!csv.Read())
        {
            yield return new UsageRead(null, [new UsageRowError(1, "(header)", "The file is empty; the first line must name the FOCUS columns.")], 1);
            yield break;
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < csv.Count; i++)
        {
            var name = csv.String(i).TrimStart('\uFEFF');
            if (!columns.TryAdd(name, i))
            {
                yield return new UsageRead(null, [new UsageRowError(1, name, "The header names this column more than once; name each column once.")], 1);
                yield break;
            }
        }

        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            yield return new UsageRead(null, [new UsageRowError(1, string.Join(", ", missing), "Mandatory FOCUS column(s) missing from the header (FOCUS 1.x column ids, e.g. ChargePeriodStart).")], 1);
            yield break;
        }

        var line = new FocusLine(csv, columns, new StringPool());
        while (csv.Read())
        {
            if (!csv.IsBlank)
            {
                yield return Map(line);
            }
        }
    }

    private UsageRead Map(FocusLine f)
    {
        var number = f.Csv.StartLine;
        var errors = new List<UsageRowError>();
        var start = f.Time("ChargePeriodStart", errors);
        var end = f.Time("ChargePeriodEnd", errors);
        if (start is { } s0 && end is { } e0 && e0 <= s0)
        {
            errors.Add(new UsageRowError(number, "ChargePeriodEnd", "ChargePeriodEnd is the exclusive end of the charge period and must be after ChargePeriodStart."));
        }

        var billed = f.Decimal("BilledCost", errors, required: true);
        var effective = f.Decimal("EffectiveCost", errors, required: true);
        var currency = f.Text("BillingCurrency");
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add(new UsageRowError(number, "BillingCurrency", $"'{currency}' is not an ISO 4217 currency code (three capital letters)."));
        }

        var category = f.Text("ChargeCategory");
        if (!ChargeCategories.Contains(category, StringComparer.Ordinal))
        {
            errors.Add(new UsageRowError(number, "ChargeCategory", $"'{category}' is not a FOCUS ChargeCategory ({string.Join(", ", ChargeCategories)})."));
        }

        var serviceCategory = f.Text("ServiceCategory");
        if (serviceCategory.Length == 0)
        {
            errors.Add(new UsageRowError(number, "ServiceCategory", "ServiceCategory must not be null."));
        }

        var providerName = f.Text("ProviderName");
        if (providerName.Length == 0)
        {
            errors.Add(new UsageRowError(number, "ProviderName", "ProviderName must not be null."));
        }

        var quantity = f.Decimal("ConsumedQuantity", errors, required: false);
        var unit = f.Text("ConsumedUnit");
        if (quantity is not null && unit.Length == 0)
        {
            errors.Add(new UsageRowError(number, "ConsumedUnit", "ConsumedUnit must not be null when ConsumedQuantity is not null."));
        }

        var tags = f.Json("Tags", errors);
        var sku = f.Json("SkuPriceDetails", errors);
        if (errors.Count > 0)
        {
            return new UsageRead(null, errors, number);
        }

        var cost = new UsageCost(billed!.Value, effective!.Value, currency);
        var provider = Provider(providerName);
        if (provider is null)
        {
            return Unmapped(number, $"not mapped to a workload: ProviderName '{providerName}' is not AWS, Microsoft or Google Cloud", false, cost);
        }

        var resourceId = f.Text("ResourceId");
        var rule = rules.Rules.FirstOrDefault(r => Matches(r, resourceId, f.Text("SubAccountId"), f.Text("ServiceName"), tags));
        if (rule is null)
        {
            return Unmapped(number, "not mapped to a workload: no rule matches its ResourceId, Tags, SubAccountId or ServiceName", false, cost);
        }

        var from = start!.Value.InUtc().Date;
        var to = end!.Value.Minus(Duration.Epsilon).InUtc().Date;
        var regionId = f.Text("RegionId");
        var key = SourceKey(f);
        UsageRow CostOnly(string region) => new(rule.WorkloadId, from, to, provider, region, new ItUsage(0, null, 0, 0, 0, 0), null, key, cost);

        if (category != "Usage" || quantity is null || quantity == 0)
        {
            // Purchases, taxes, credits, adjustments and usage lines without a quantity: cost on the workload, no energy.
            return new UsageRead(CostOnly(RegionOrUnknown(provider, regionId)), [], number);
        }

        var (usage, problem) = Usage(quantity.Value, unit, serviceCategory, sku, rule, start.Value);
        if (problem is null && regionId.Length == 0)
        {
            problem = "energy not estimated: RegionId is null, so no grid factor applies";
        }

        if (problem is null && GridIntensities.Resolve(provider, regionId, null, out _) is null)
        {
            problem = $"energy not estimated: region '{regionId}' of {provider} is not in {GridIntensities.Dataset}";
        }

        return problem is not null
            ? new UsageRead(CostOnly(RegionOrUnknown(provider, regionId)), [], number, new UnmappedCharge(number, problem, true, cost))
            : new UsageRead(new UsageRow(rule.WorkloadId, from, to, provider, f.Pool.Get(regionId), usage!, null, key, cost), [], number);
    }

    /// <summary>The CCF inputs of a usage line, or why there are none.</summary>
    private static (ItUsage? Usage, string? Problem) Usage(decimal quantity, string unit, string serviceCategory, JsonElement? sku, BillingRule rule, Instant start)
    {
        if (quantity < 0)
        {
            return (null, "energy not estimated: ConsumedQuantity is negative (a refund or correction of usage)");
        }

        var (measure, factor) = FocusUnits.Read(unit);
        var amount = quantity * factor;
        switch (measure)
        {
            case FocusMeasure.VcpuHours:
                return (new ItUsage(amount, null, 0, 0, 0, 0), null);
            case FocusMeasure.InstanceHours when serviceCategory is "Compute" or "Databases":
                var cores = Number(sku, "CoreCount") ?? rule.VcpusPerInstance;
                return cores is { } c and > 0
                    ? (new ItUsage(amount * c, null, 0, 0, 0, 0), null)
                    : (null, "energy not estimated: compute hours without a vCPU count (SkuPriceDetails.CoreCount or the rule's vcpusPerInstance)");
            case FocusMeasure.DataHours when serviceCategory == "Compute":
                return (new ItUsage(0, null, amount, 0, 0, 0), null);
            case FocusMeasure.DataHours or FocusMeasure.DataMonths when serviceCategory is "Storage" or "Databases" or "Compute":
                var medium = Medium(sku) ?? rule.StorageMedium?.ToLowerInvariant();
                if (medium is not ("ssd" or "hdd"))
                {
                    return (null, "energy not estimated: storage without a medium (SkuPriceDetails.DiskType or the rule's storageMedium)");
                }

                // GB-months become GB-hours over the hours of the calendar month the charge period starts in.
                var date = start.InUtc().Date;
                var gbHours = measure == FocusMeasure.DataMonths ? amount * 24 * CalendarSystem.Iso.GetDaysInMonth(date.Year, date.Month) : amount;
                var tbHours = gbHours / 1000;
                return (medium == "ssd" ? new ItUsage(0, null, 0, tbHours, 0, 0) : new ItUsage(0, null, 0, 0, tbHours, 0), null);
            case FocusMeasure.Data when serviceCategory == "Networking":
                return (new ItUsage(0, null, 0, 0, 0, amount), null);
            default:
                return (null, $"energy not estimated: ConsumedUnit '{unit}' of ServiceCategory '{serviceCategory}' is not an input of the CCF method");
        }
    }

    private static bool Matches(BillingRule rule, string resourceId, string subAccountId, string serviceName, JsonElement? tags)
    {
        if (rule.ResourceIdPrefix is null && rule.TagKey is null && rule.SubAccountId is null && rule.ServiceName is null)
        {
            return false;
        }

        if (rule.ResourceIdPrefix is { } prefix && !resourceId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (rule.SubAccountId is { } account && !string.Equals(account, subAccountId, StringComparison.Ordinal))
        {
            return false;
        }

        if (rule.ServiceName is { } service && !string.Equals(service, serviceName, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (rule.TagKey is { } tagKey)
        {
            if (tags is not { ValueKind: JsonValueKind.Object } t || !t.TryGetProperty(tagKey, out var value))
            {
                return false;
            }

            var text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.Null => null,
                _ => value.GetRawText(),
            };
            if (rule.TagValue is { } wanted && !string.Equals(wanted, text, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The method's provider for a FOCUS ProviderName, as the three providers write it in their exports.</summary>
    public static string? Provider(string providerName) => providerName.Trim().ToLowerInvariant() switch
    {
        "aws" or "amazon web services" or "amazon" => "aws",
        "microsoft" or "azure" or "microsoft azure" => "azure",
        "google cloud" or "google" or "google cloud platform" or "gcp" => "gcp",
        _ => null,
    };

    private static string RegionOrUnknown(string provider, string regionId)
        => regionId.Length > 0 && GridIntensities.Resolve(provider, regionId, null, out _) is not null ? regionId : "unknown";

    private static decimal? Number(JsonElement? json, string property)
        => json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    private static string? Medium(JsonElement? json)
        => json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("DiskType", out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!.ToUpperInvariant() switch { "SSD" or "NVME" => "ssd", "HDD" => "hdd", _ => null }
            : null;

    private static UsageRead Unmapped(long line, string reason, bool attributed, UsageCost cost) => new(null, [], line, new UnmappedCharge(line, reason, attributed, cost));

    /// <summary>The charge's identity: the columns that tell two charges apart, hashed (64-bit FNV-1a, hex).</summary>
    private static string SourceKey(FocusLine f)
    {
        var hash = 14695981039346656037UL;
        foreach (var column in FocusLine.KeyColumns)
        {
            foreach (var c in f.Cell(column))
            {
                hash = (hash ^ c) * 1099511628211UL;
            }

            hash = (hash ^ '|') * 1099511628211UL;
        }

        return "focus:" + hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The current line of the file, read by column name.</summary>
    private sealed class FocusLine(CsvRecordReader csv, Dictionary<string, int> columns, StringPool pool)
    {
        public static readonly string[] KeyColumns = ["ChargePeriodStart", "ChargePeriodEnd", "ResourceId", "SubAccountId", "SkuId", "SkuPriceId", "ChargeCategory", "ChargeClass", "ChargeDescription", "CommitmentDiscountId", "ConsumedUnit", "PricingUnit", "RegionId"];

        public CsvRecordReader Csv => csv;

        public StringPool Pool => pool;

        public ReadOnlySpan<char> Cell(string column) => columns.TryGetValue(column, out var i) ? csv[i].Trim() : [];

        public string Text(string column) => pool.Get(Cell(column));

        public Instant? Time(string column, List<UsageRowError> errors)
        {
            var text = Text(column);
            var parsed = InstantPattern.ExtendedIso.Parse(text);
            if (parsed.Success)
            {
                return parsed.Value;
            }

            var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
            if (offset.Success)
            {
                return offset.Value.ToInstant();
            }

            errors.Add(new UsageRowError(csv.StartLine, column, $"'{text}' is not a FOCUS date/time (ISO 8601 in UTC, e.g. 2025-01-01T00:00:00Z)."));
            return null;
        }

        public decimal? Decimal(string column, List<UsageRowError> errors, bool required)
        {
            var text = Cell(column);
            if (text.Length == 0)
            {
                if (required)
                {
                    errors.Add(new UsageRowError(csv.StartLine, column, $"{column} must not be null."));
                }

                return null;
            }

            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors.Add(new UsageRowError(csv.StartLine, column, $"'{text}' is not a decimal number (FOCUS NumericFormat, '.' for decimals)."));
            return null;
        }

        public JsonElement? Json(string column, List<UsageRowError> errors)
        {
            var text = Cell(column);
            if (text.Length == 0)
            {
                return null;
            }

            try
            {
                using var doc = JsonDocument.Parse(Encoding.UTF8.GetBytes(text.ToArray()));
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("not an object");
                }

                return doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                errors.Add(new UsageRowError(csv.StartLine, column, $"{column} is not a JSON object of keys and values (FOCUS KeyValueFormat)."));
                return null;
            }
        }
    }
}
