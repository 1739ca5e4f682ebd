using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>What a supplier is: name, country, tier in the chain (1 = direct supplier), GLN where known.</summary>
[GenerateSerializer, Immutable, Alias("esg.supplier-input")]
public sealed record SupplierInput(string Name, string Country, int Tier, string? Gln);

/// <summary>A certificate the supplier holds, with the SHA-256 of its evidence document when one was uploaded.</summary>
[GenerateSerializer, Immutable, Alias("esg.certificate-input")]
public sealed record CertificateInput(string Scheme, string Number, LocalDate ValidFrom, LocalDate ValidTo, string? EvidenceSha256, string? EvidenceBlob, Traceability.ChainOfCustodyModel? ChainOfCustody = null);

/// <summary>A supplier as read back.</summary>
[GenerateSerializer, Immutable, Alias("esg.supplier-view")]
public sealed record SupplierView(string Id, string Name, string Country, int Tier, string? Gln, IReadOnlyList<CertificateInput> Certificates, long Version, Instant UpdatedAt, string UpdatedBy);

public abstract record SupplierEvent(Instant At, string Actor);

public sealed record SupplierRegistered(SupplierInput Supplier, Instant At, string Actor) : SupplierEvent(At, Actor);

public sealed record SupplierEdited(SupplierInput Supplier, string? Reason, Instant At, string Actor) : SupplierEvent(At, Actor);

public sealed record CertificateAdded(CertificateInput Certificate, Instant At, string Actor) : SupplierEvent(At, Actor);
