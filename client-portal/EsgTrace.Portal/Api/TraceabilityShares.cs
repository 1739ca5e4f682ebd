using EsgTrace.Traceability;

namespace EsgTrace.Portal.Api;

/// <summary>
/// A traceability result as the figures roles (marketing, it) read it: the shares, input mass, calculator and how many
/// direct input lots there are, without the tree and flags, which name lots, suppliers and certificate numbers.
/// </summary>
public static class TraceabilityShares
{
    public static TraceabilityResult Of(TraceabilityResult result) => result with { Tree = [], Flags = [] };
}
