using EsgTrace.Traceability;
using EsgTrace.Units;

namespace EsgTrace.Portal.Services;

/// <summary>Traceability as CSV (RFC 4180, formula cells neutralised by <see cref="CsvWriter"/>): one row per lot of the upstream tree, with its depth and status.</summary>
public static class TraceabilityCsv
{
    public static string Write(TraceabilityResult result)
    {
        var csv = new CsvWriter("depth", "lot", "material", "mass_kg", "supplier", "tier", "origin_country", "certification_scheme", "certified", "certificate", "recycled_share", "traceable_to_origin", "flags");
        foreach (var node in result.Tree)
        {
            Append(csv, node, 1, result);
        }

        return csv.ToString();
    }

    private static void Append(CsvWriter csv, TraceNode node, int depth, TraceabilityResult result)
    {
        var lot = node.Lot;
        var flags = string.Join("; ", result.Flags.Where(f => f.LotId == lot.LotId).Select(f => f.Kind.ToString()));
        csv.Row(
            CsvCell.Number(depth), lot.LotId, lot.Material, CsvCell.Number(lot.Mass.To(Unit.Kilogram).Value),
            lot.SupplierName, CsvCell.Number(lot.Tier), lot.OriginCountry, lot.CertificationScheme,
            node.Certified ? "yes" : "no", node.CertificateNumber, CsvCell.Number(lot.RecycledShare),
            node.TraceableToOrigin ? "yes" : "no", flags);
        foreach (var input in node.Inputs)
        {
            Append(csv, input, depth + 1, result);
        }
    }
}
