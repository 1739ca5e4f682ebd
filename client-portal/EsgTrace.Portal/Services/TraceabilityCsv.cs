using System.Globalization;
using System.Text;
using EsgTrace.Traceability;
using EsgTrace.Units;

namespace EsgTrace.Portal.Services;

/// <summary>Traceability as CSV (RFC 4180): one row per lot of the upstream tree, with its depth and status.</summary>
public static class TraceabilityCsv
{
    public static string Write(TraceabilityResult result)
    {
        var csv = new StringBuilder("depth,lot,material,mass_kg,supplier,tier,origin_country,certification_scheme,certified,certificate,recycled_share,traceable_to_origin,flags\r\n");
        foreach (var node in result.Tree)
        {
            Append(csv, node, 1, result);
        }

        return csv.ToString();
    }

    private static void Append(StringBuilder csv, TraceNode node, int depth, TraceabilityResult result)
    {
        var lot = node.Lot;
        var flags = string.Join("; ", result.Flags.Where(f => f.LotId == lot.LotId).Select(f => f.Kind.ToString()));
        string[] cells =
        [
            depth.ToString(CultureInfo.InvariantCulture), lot.LotId, lot.Material, Numbers.Plain(lot.Mass.To(Unit.Kilogram).Value),
            lot.SupplierName, lot.Tier.ToString(CultureInfo.InvariantCulture), lot.OriginCountry ?? string.Empty, lot.CertificationScheme ?? string.Empty,
            node.Certified ? "yes" : "no", node.CertificateNumber ?? string.Empty, Numbers.Plain(lot.RecycledShare),
            node.TraceableToOrigin ? "yes" : "no", flags,
        ];
        csv.AppendJoin(',', cells.Select(Escape)).Append("\r\n");
        foreach (var input in node.Inputs)
        {
            Append(csv, input, depth + 1, result);
        }
    }

    private static string Escape(string cell)
        => cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
