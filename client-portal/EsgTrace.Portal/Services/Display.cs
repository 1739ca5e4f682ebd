using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Portal.Services;

/// <summary>How the portal shows values: one place, so every page agrees.</summary>
public static class Display
{
    private static readonly InstantPattern Utc = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm' UTC'");

    /// <summary>A footprint stage as a reader would name it.</summary>
    public static string Stage(EsgTrace.Footprints.FootprintStage stage) => stage switch
    {
        EsgTrace.Footprints.FootprintStage.ProcessEnergy => "Process energy",
        _ => stage.ToString(),
    };

    /// <summary>Why the platform refused: every field error when there are some, else the problem's detail.</summary>
    public static string Problem(EsgTrace.Domain.DomainProblem problem)
        => problem.Errors is { } errors ? string.Join(" ", errors.SelectMany(e => e.Value)) : problem.Detail;

    /// <summary>An instant to the minute, in UTC, labelled as such.</summary>
    public static string Instant(Instant? value) => value is null ? string.Empty : Utc.Format(value.Value);
}
