using EsgTrace.Domain;

namespace EsgTrace.MassBalance;

/// <summary>The refusal of a movement that would take more of a lot than its location holds (RFC 9457 409, naming the figures).</summary>
public static class MassBalanceProblems
{
    public static DomainProblem Refused(MassShortfall shortfall, string what)
        => new(
            ProblemKind.Conflict,
            "Not enough of the lot is there.",
            shortfall.Describe(what),
            new Dictionary<string, string[]> { ["lotIds"] = [shortfall.Describe(what)] },
            shortfall);
}
