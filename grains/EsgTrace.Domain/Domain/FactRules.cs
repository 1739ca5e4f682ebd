
namespace EsgTrace.Domain;

/// <summary>
/// The rules every recorded fact follows: recorded once per client id (the same record again is a no-op, a different one
/// a conflict), and changed only by a correction that names the version it corrects and why.
/// </summary>
public static class FactRules
{
    public static DomainProblem AlreadyRecorded(string what, string id)
        => new(ProblemKind.Conflict, $"The {what} exists.", $"{Capitalized(what)} '{id}' is already recorded with other details; record a correction instead.");

    public static DomainProblem NotRecorded(string what, string id)
        => new(ProblemKind.NotFound, $"No such {what}.", $"{Capitalized(what)} '{id}' is not recorded.");

    public static DomainProblem Withdrawn(string what, string id)
        => new(ProblemKind.Conflict, $"The {what} is withdrawn.", $"{Capitalized(what)} '{id}' was withdrawn (its EPCIS event was declared erroneous); record a new one instead.");

    /// <summary>Null when the correction names an existing version and gives a reason.</summary>
    public static DomainProblem? CheckCorrection(long corrects, string? reason, long currentVersion)
        => string.IsNullOrWhiteSpace(reason) || corrects < 1 || corrects > currentVersion
            ? DomainProblem.Invalid("corrects", $"A correction names the version it corrects (1 to {currentVersion}) and a reason.")
            : null;

    private static string Capitalized(string what) => char.ToUpperInvariant(what[0]) + what[1..];
}
