using System.Globalization;
using System.Text;
using EsgTrace.Factors;
using EsgTrace.Traceability;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Portal.Services;

/// <summary>How the portal shows values: one place, so every page agrees.</summary>
public static class Display
{
    private static readonly InstantPattern Utc = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm' UTC'");
    private static readonly OffsetDateTimePattern IsoPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");
    private static readonly OffsetDateTimePattern LocalPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm o<+HH:mm>");

    /// <summary>A footprint stage as a reader would name it.</summary>
    public static string Stage(EsgTrace.Footprints.FootprintStage stage) => Capitalized(Words(stage));

    /// <summary>Any enum value in lower-case words: InlandWaterway → "inland waterway", MassBalance → "mass balance".</summary>
    public static string Words<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(name[i]));
        }

        return words.ToString();
    }

    /// <summary>A transport mode in words ("inland waterway").</summary>
    public static string Mode(TransportMode mode) => Words(mode);

    /// <summary>A chain-of-custody model in words; a lot that states none is treated as segregated.</summary>
    public static string Custody(ChainOfCustodyModel? model) => model is { } m ? Words(m) : "not stated (counted as segregated)";

    /// <summary>kg CO2e as every page and PDF writes it (<see cref="Reports.Co2eFormat"/>).</summary>
    public static string Co2e(decimal kg) => Reports.Co2eFormat.Kg(kg);

    /// <summary>A mass in kg, grouped by thousands, at most three decimals (grams).</summary>
    public static string Kg(decimal kg) => Math.Round(kg, 3).ToString("#,##0.###", CultureInfo.InvariantCulture);

    /// <summary>A share (0-1) as a percentage.</summary>
    public static string Percent(decimal share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>Why the platform refused: every field error when there are some, else the problem's detail.</summary>
    public static string Problem(EsgTrace.Domain.DomainProblem problem)
        => problem.Errors is { } errors ? string.Join(" ", errors.SelectMany(e => e.Value).Distinct()) : problem.Detail;

    /// <summary>An instant to the minute, in UTC, labelled as such.</summary>
    public static string Instant(Instant? value) => value is null ? string.Empty : Utc.Format(value.Value);

    /// <summary>A local time with the offset it was recorded with, e.g. "2026-04-02 06:00 +05:30".</summary>
    public static string Local(OffsetDateTime value) => LocalPattern.Format(value);

    /// <summary>A recorded time in ISO 8601 with its offset always as ±hh:mm, e.g. "2026-05-01T07:00:00+04:00".</summary>
    public static string Iso(OffsetDateTime value) => IsoPattern.Format(value);

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
