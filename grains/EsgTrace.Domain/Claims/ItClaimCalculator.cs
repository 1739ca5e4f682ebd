using EsgTrace.GreenIt;
using EsgTrace.Lineage;
using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.Claims;

/// <summary>One workload as an IT claim reads it: its name, functional unit (R of its SCI score) and per-record emissions.</summary>
public sealed record ItClaimWorkload(string Id, string Name, string FunctionalUnit, IReadOnlyList<UsageEmissions> Emissions);

/// <summary>The figures of an IT claim, their lineage, and the usage records they were computed from.</summary>
public sealed record ItClaimBasis(ClaimFigures Figures, LineageRecord Lineage, IReadOnlyList<UsageEmissions> Records);

/// <summary>
/// Computes an IT claim's figures from the green-IT per-record emissions (CCF method, location-based, embodied included).
/// SCI per functional unit over a period = Σ (record kg CO2e × share of its days in the period) ÷ Σ (record functional
/// units × the same share), which is ((E × I) + M) per R summed over the records. The current period is the twelve months
/// ending on the latest usage day of the claim's workloads, so newer usage moves it; a reduction compares it with the
/// baseline period by the same method. Pure.
/// </summary>
public static class ItClaimCalculator
{
    public const string Version = "it-claim/1.0.0 (SCI per functional unit over " + ItCarbonCalculator.Version + ")";

    public static ItClaimBasis Figures(string subject, string name, IReadOnlyList<ItClaimWorkload> workloads, LocalDate? baselineFrom, LocalDate? baselineTo)
    {
        var all = workloads.SelectMany(w => w.Emissions).ToList();
        var units = workloads.Select(w => w.FunctionalUnit.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var functionalUnit = units.Count == 1 ? units[0] : string.Join(" / ", units);
        var to = all.Count == 0 ? (LocalDate?)null : all.Max(e => e.PeriodEnd);
        var from = to?.PlusYears(-1).PlusDays(1);
        var current = to is null ? null : Totals(all, from!.Value, to.Value);
        var baseline = baselineFrom is { } bf && baselineTo is { } bt ? Totals(all, bf, bt) : null;

        string? problem = null;
        if (units.Count > 1)
        {
            problem = $"The workloads state different functional units ({string.Join(", ", units)}); a group's SCI needs one.";
        }
        else if (current is null)
        {
            problem = "No usage is recorded for " + string.Join(", ", workloads.Select(w => w.Id)) + ".";
        }
        else if (current.MissingUnits > 0)
        {
            problem = $"{current.MissingUnits} usage record(s) from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} state no functional units; SCI per {functionalUnit} needs R for every record.";
        }
        else if (current.Units <= 0)
        {
            problem = $"No functional units ({functionalUnit}) are recorded from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}.";
        }

        var byWorkload = workloads.Select(w =>
        {
            var t = from is null ? null : Totals(w.Emissions, from.Value, to!.Value);
            return new ItWorkloadFigure(w.Id, w.Name, t?.Kg ?? 0, t?.Kwh ?? 0, t?.Units ?? 0);
        }).ToList();
        decimal? baselinePerUnit = baseline is { MissingUnits: 0, Units: > 0 } b ? b.Kg / b.Units : null;
        var it = new ItClaimFigures(
            workloads.Select(w => w.Id).ToList(), functionalUnit, from ?? default, to ?? default,
            current?.Kg ?? 0, current?.Kwh ?? 0, current?.Units ?? 0, current?.Records.Count ?? 0,
            baselineFrom, baselineTo, baseline?.Kg, baseline?.Units, baselinePerUnit, baseline?.Records.Count ?? 0,
            byWorkload, all.Select(e => e.GridSource).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

        var used = (current?.Records ?? []).Concat(baseline?.Records ?? []).Distinct().ToList();
        var lineage = new LineageBuilder("it:" + subject, Version).Dataset(GridIntensities.Dataset);
        foreach (var e in used)
        {
            lineage.Input("usage-emissions", $"{e.WorkloadId}/{e.PeriodStart:yyyy-MM-dd}/{e.PeriodEnd:yyyy-MM-dd}", e);
        }

        var record = lineage.Build(it);
        decimal? perUnit = problem is null ? current!.Kg / current.Units : null;
        var figures = new ClaimFigures(perUnit, problem, 0, 0, 0, GridIntensities.Dataset, Version, record.RootSha256, functionalUnit, name, it);
        return new ItClaimBasis(figures, record, used);
    }

    /// <summary>"0.00037416 kg CO2e per 1,000 requests from 2025-07-01 to 2026-06-30 (3 records)".</summary>
    public static string Describe(ItClaimFigures f, decimal kgPerUnit)
        => $"{Numbers.Plain(Math.Round(kgPerUnit, 10))} kg CO2e per {f.FunctionalUnit} from {f.From:yyyy-MM-dd} to {f.To:yyyy-MM-dd} ({Numbers.Plain(Math.Round(f.KgCo2e, 6))} kg CO2e for {Numbers.Plain(Math.Round(f.FunctionalUnits, 3))} × {f.FunctionalUnit}, {f.Records} usage record{(f.Records == 1 ? "" : "s")})";

    private static PeriodTotals Totals(IEnumerable<UsageEmissions> records, LocalDate from, LocalDate to)
    {
        var inside = records.Select(e => (Record: e, Share: PeriodShare.Fraction(e.PeriodStart, e.PeriodEnd, from, to))).Where(x => x.Share > 0).ToList();
        return new PeriodTotals(
            inside.Sum(x => x.Record.Result.TotalKgCo2e * x.Share),
            inside.Sum(x => x.Record.Result.TotalKwh * x.Share),
            inside.Sum(x => (x.Record.FunctionalUnits ?? 0) * x.Share),
            inside.Count(x => x.Record.FunctionalUnits is not > 0),
            inside.Select(x => x.Record).ToList());
    }

    private sealed record PeriodTotals(decimal Kg, decimal Kwh, decimal Units, int MissingUnits, IReadOnlyList<UsageEmissions> Records);
}
