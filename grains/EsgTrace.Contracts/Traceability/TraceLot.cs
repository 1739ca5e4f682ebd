using EsgTrace.Units;
using NodaTime;

namespace EsgTrace.Traceability;

/// <summary>
/// A material lot as traceability sees it: who made it, where it came from, what it claims, when it shipped, and the lots
/// it was made from (empty for a raw material, e.g. cotton from the farm); its chain-of-custody model (null: not stated,
/// treated as segregated) with, under mass balance, the share of its mass credited as certified; and the movements that
/// took more of it than a location held (captured EPCIS events are recorded even then).
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
    IReadOnlyList<string> InputLotIds,
    ChainOfCustodyModel? ChainOfCustody = null,
    decimal? CreditedShare = null,
    IReadOnlyList<string>? Overdrawn = null);

/// <summary>A supplier's certificate (FSC, GOTS, RSPO, ISO 14001, …): valid from and to, both days inclusive, and the chain-of-custody model it certifies (null: not stated).</summary>
[GenerateSerializer, Immutable, Alias("esg.supplier-certificate")]
public sealed record SupplierCertificate(string SupplierId, string Scheme, string Number, LocalDate ValidFrom, LocalDate ValidTo, string? EvidenceSha256, ChainOfCustodyModel? ChainOfCustody = null)
{
    public bool ValidOn(LocalDate day) => day >= ValidFrom && day <= ValidTo;
}
