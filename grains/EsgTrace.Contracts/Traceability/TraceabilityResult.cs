namespace EsgTrace.Traceability;

/// <summary>
/// One lot in the upstream tree with what traceability concluded about it: whether it is certified, under which
/// chain-of-custody model, and how many of its kg count as certified and as recycled content under that model.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.trace-node")]
public sealed record TraceNode(TraceLot Lot, bool Certified, bool TraceableToOrigin, string? CertificateNumber, IReadOnlyList<TraceNode> Inputs, ChainOfCustodyModel Model = ChainOfCustodyModel.Segregated, decimal CertifiedKg = 0, decimal RecycledKg = 0);

/// <summary>
/// The upstream tree of a product batch (or any set of lots) and mass-balance shares over its direct input lots:
/// certified, recycled and traceable-to-origin, each as a fraction (0-1) of input mass.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.traceability-result")]
public sealed record TraceabilityResult(
    string SubjectId,
    decimal InputMassKg,
    decimal CertifiedShare,
    decimal RecycledShare,
    decimal TraceableToOriginShare,
    IReadOnlyList<TraceNode> Tree,
    IReadOnlyList<TraceFlag> Flags,
    string CalculatorVersion)
{
    public const string Method = "Shares by mass over the direct input lots (kg). A lot is certified when its supplier held a certificate of the claimed scheme valid on the day it first shipped; under identity preserved or segregated chain of custody (ISO 22095) every lot it was made from must be certified under the same scheme and its whole mass counts, under mass balance only its credited mass counts (certified and recycled), under book and claim none; traceable to origin when it and all its inputs name a country of origin.";

    public IEnumerable<TraceNode> AllNodes() => Tree.SelectMany(Flatten);

    public IReadOnlyList<string> Suppliers => AllNodes().Select(n => n.Lot.SupplierName).Distinct().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Countries => AllNodes().Select(n => n.Lot.OriginCountry).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<TraceNode> Flatten(TraceNode node) => node.Inputs.SelectMany(Flatten).Prepend(node);
}
