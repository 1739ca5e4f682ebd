using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.SupplierPortal;

/// <summary>What a request asks the supplier for.</summary>
public enum SupplierRequestKind
{
    /// <summary>The product carbon footprint of one of its lots (PACT v3 ProductFootprint fields).</summary>
    Footprint,

    /// <summary>A certificate (scheme, number, validity, evidence document).</summary>
    Certificate,
}

/// <summary>Where a request stands.</summary>
public enum SupplierRequestStatus
{
    /// <summary>Waiting for the supplier (new, or its last answer was rejected).</summary>
    Open,

    /// <summary>An answer is waiting for the brand's review.</summary>
    Answered,

    /// <summary>The brand accepted an answer; the request is done.</summary>
    Accepted,
}

/// <summary>
/// A request to a supplier: a footprint for <see cref="LotId"/> (which must be that supplier's lot), or a certificate,
/// optionally of a named scheme. <see cref="Message"/> says what the brand needs.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.supplier-request-input")]
public sealed record SupplierRequestInput(SupplierRequestKind Kind, string SupplierId, string? LotId, string? Scheme, string Message);

/// <summary>
/// A footprint as the supplier declares it, named and shaped as the PACT v3 <c>ProductFootprint</c> and its <c>pcf</c>
/// (CarbonFootprint) name them: <see cref="Id"/> the footprint's id (a UUID), <see cref="Version"/> the v2.x version
/// number where the supplier's system still keeps one (v3 identifies a new version by a new id with
/// <c>precedingPfIds</c>), <see cref="PcfExcludingBiogenicUptake"/> and <see cref="PcfIncludingBiogenicUptake"/> in
/// kg CO2e per declared unit (<see cref="DeclaredUnitAmount"/> × <see cref="DeclaredUnitOfMeasurement"/>),
/// <see cref="ProductMassPerDeclaredUnit"/> in kg, the reference period (start inclusive, end exclusive).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.footprint-answer")]
public sealed record FootprintAnswer(
    string Id,
    int? Version,
    string DeclaredUnitOfMeasurement,
    decimal DeclaredUnitAmount,
    decimal ProductMassPerDeclaredUnit,
    decimal PcfExcludingBiogenicUptake,
    decimal? PcfIncludingBiogenicUptake,
    Instant ReferencePeriodStart,
    Instant ReferencePeriodEnd,
    string? Comment);

/// <summary>A document the supplier attached (e.g. its PACT JSON or a verification statement), stored content-addressed.</summary>
[GenerateSerializer, Immutable, Alias("esg.answer-document")]
public sealed record AnswerDocument(string Sha256, string Blob, string ContentType, long Bytes);

/// <summary>One answer: a footprint (with an optional document) or a certificate (its evidence inside).</summary>
[GenerateSerializer, Immutable, Alias("esg.supplier-answer-input")]
public sealed record SupplierAnswerInput(FootprintAnswer? Footprint, AnswerDocument? Document, CertificateInput? Certificate);

/// <summary>How the brand judged an answer.</summary>
[GenerateSerializer, Immutable, Alias("esg.answer-review")]
public sealed record AnswerReview(bool Accepted, string? Reason, Instant At, string Actor);

/// <summary>An answer as recorded: its number (1, 2, …), what was sent, who sent it, and its review once there is one.</summary>
[GenerateSerializer, Immutable, Alias("esg.supplier-answer")]
public sealed record SupplierAnswer(int Number, SupplierAnswerInput Answer, Instant At, string Actor, AnswerReview? Review);

/// <summary>A request as read back.</summary>
[GenerateSerializer, Immutable, Alias("esg.supplier-request-view")]
public sealed record SupplierRequestView(
    string Id,
    SupplierRequestInput Request,
    SupplierRequestStatus Status,
    IReadOnlyList<SupplierAnswer> Answers,
    Instant CreatedAt,
    string CreatedBy,
    long Version,
    Instant UpdatedAt,
    string UpdatedBy);

public abstract record SupplierRequestEvent(Instant At, string Actor);

public sealed record SupplierRequestCreated(SupplierRequestInput Request, Instant At, string Actor) : SupplierRequestEvent(At, Actor);

public sealed record SupplierRequestAnswered(SupplierAnswerInput Answer, Instant At, string Actor) : SupplierRequestEvent(At, Actor);

public sealed record SupplierAnswerAccepted(int Answer, string? Reason, Instant At, string Actor) : SupplierRequestEvent(At, Actor);

public sealed record SupplierAnswerRejected(int Answer, string Reason, Instant At, string Actor) : SupplierRequestEvent(At, Actor);
