namespace EsgTrace.SupplierPortal;

/// <summary>
/// A request the supply chain addresses to one supplier (a footprint for one of its lots, or a certificate), the
/// supplier's answers and the brand's review of each, keyed by a client-chosen request id.
/// </summary>
[Alias("esg.ISupplierRequestGrain")]
public interface ISupplierRequestGrain : IGrainWithStringKey
{
    /// <summary>Records the request; the same request again is a no-op, a different one under the same id a conflict.</summary>
    [Alias("Create")]
    Task<Outcome<SupplierRequestView>> Create(SupplierRequestInput input, string actor);

    /// <summary>
    /// The supplier answers (a footprint request with a footprint, a certificate request with a certificate). Refused when
    /// <paramref name="supplierId"/> is not the supplier the request is addressed to (answered as "no such request"), when
    /// the request was accepted already, or when an answer is still waiting for review.
    /// </summary>
    [Alias("Answer")]
    Task<Outcome<SupplierRequestView>> Answer(string supplierId, SupplierAnswerInput answer, string actor);

    /// <summary>
    /// The brand accepts the answer waiting for review: a footprint becomes the lot's primary factor (a lot correction), a
    /// certificate is added to the supplier. Repeating an accept of the same answer is a no-op.
    /// </summary>
    [Alias("Accept")]
    Task<Outcome<SupplierRequestView>> Accept(int answer, string? reason, string actor);

    /// <summary>The brand rejects the answer waiting for review, saying why; the supplier may answer again.</summary>
    [Alias("Reject")]
    Task<Outcome<SupplierRequestView>> Reject(int answer, string reason, string actor);

    [Alias("Get")]
    Task<SupplierRequestView?> Get();
}
