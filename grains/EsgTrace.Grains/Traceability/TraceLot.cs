using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.Traceability;

/// <summary>
/// A material lot as traceability sees it: who made it, where it came from, what it claims, when it shipped, and the lots
/// it was made from (empty for a raw material, e.g. cotton from the farm).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.trace-lot")]
public sealed record TraceLot(
    string LotId,
    string Material,
    Quantity Mass,
    string SupplierId,
    string SupplierName,
    int Tier,
    string? OriginCountry,
    string? CertificationScheme,
    decimal RecycledShare,
    LocalDate? ShippedOn,
    IReadOnlyList<string> InputLotIds);

/// <summary>A supplier's certificate (FSC, GOTS, RSPO, ISO 14001, …): valid from and to, both days inclusive.</summary>
[GenerateSerializer, Immutable, Alias("esg.supplier-certificate")]
public sealed record SupplierCertificate(string SupplierId, string Scheme, string Number, LocalDate ValidFrom, LocalDate ValidTo, string? EvidenceSha256)
{
    public bool ValidOn(LocalDate day) => day >= ValidFrom && day <= ValidTo;
}
