namespace EsgTrace.GreenIt;

/// <summary>What a FOCUS ConsumedUnit measures, once its spelling is set aside ("Hrs", "1 Hour", "GB-Mo", "gibibyte month").</summary>
public enum FocusMeasure
{
    Unknown,
    InstanceHours,
    VcpuHours,
    DataHours,
    DataMonths,
    Data,
}

/// <summary>
/// Reads a ConsumedUnit: an optional whole-number quantity ("10 Hours" is 10 hours per unit), a data size (GB, GiB, TB,
/// TiB, spelt out or not), a count (vCPU, Core) and a time (Hour, Month). FOCUS asks for "GB-Hours", "GB/Hour" and
/// "1000 Tokens" forms; the providers' exports also write "Hrs", "GB-Mo" (AWS), "1 GB/Month" (Azure) and
/// "gibibyte month" (Google Cloud), which read the same.
/// </summary>
public static class FocusUnits
{
    private const decimal GibInGb = 1.073741824m;

    /// <summary>The measure, and the factor that turns one unit into hours, vCPU-hours, GB-hours, GB-months or GB.</summary>
    public static (FocusMeasure Measure, decimal Factor) Read(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return (FocusMeasure.Unknown, 0);
        }

        var tokens = unit.Trim().ToLowerInvariant().Replace('-', ' ').Replace('/', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var factor = 1m;
        decimal? size = null;
        bool vcpu = false, hour = false, month = false, other = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (i == 0 && t.All(char.IsAsciiDigit))
            {
                factor = decimal.Parse(t, System.Globalization.CultureInfo.InvariantCulture);
                continue;
            }

            switch (t)
            {
                case "gb" or "gigabyte" or "gigabytes":
                    size = 1m;
                    break;
                case "gib" or "gibibyte" or "gibibytes":
                    size = GibInGb;
                    break;
                case "tb" or "terabyte" or "terabytes":
                    size = 1000m;
                    break;
                case "tib" or "tebibyte" or "tebibytes":
                    size = 1024m * GibInGb;
                    break;
                case "vcpu" or "vcpus" or "core" or "cores":
                    vcpu = true;
                    break;
                case "hour" or "hours" or "hrs" or "hr" or "h":
                    hour = true;
                    break;
                case "month" or "months" or "mo" or "mos":
                    month = true;
                    break;
                default:
                    other = true;
                    break;
            }
        }

        return other || (hour && month) || (vcpu && size is not null) ? (FocusMeasure.Unknown, 0)
            : vcpu && hour ? (FocusMeasure.VcpuHours, factor)
            : size is { } s && hour ? (FocusMeasure.DataHours, factor * s)
            : size is { } m && month ? (FocusMeasure.DataMonths, factor * m)
            : size is { } d ? (FocusMeasure.Data, factor * d)
            : hour && !vcpu ? (FocusMeasure.InstanceHours, factor)
            : (FocusMeasure.Unknown, 0);
    }
}
