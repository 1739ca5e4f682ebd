using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// A checked <see cref="EpcisQuerySchedule"/>: the set of values each field allows, and the next query time after an
/// instant. Times are matched in UTC (the standard lets the service choose the time zone). The grammar is the standard's:
/// <c>Element ("," Element)*</c>, an element a number or <c>[a-b]</c>; anything else is a SubscriptionControlsException.
/// </summary>
public sealed class CompiledQuerySchedule
{
    private readonly bool[] _seconds;
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _weekdays;

    private CompiledQuerySchedule(bool[] seconds, bool[] minutes, bool[] hours, bool[] days, bool[] months, bool[] weekdays)
        => (_seconds, _minutes, _hours, _days, _months, _weekdays) = (seconds, minutes, hours, days, months, weekdays);

    /// <summary>The schedule, or the reason it is refused (a field's grammar, a number out of range, a range backwards, nothing set).</summary>
    public static (CompiledQuerySchedule? Schedule, string? Error) Compile(EpcisQuerySchedule schedule)
    {
        if (schedule is { Second: null, Minute: null, Hour: null, DayOfMonth: null, Month: null, DayOfWeek: null })
        {
            return (null, "The schedule sets no field; give at least one of second, minute, hour, dayOfMonth, month, dayOfWeek.");
        }

        var fields = new (string Name, string? Value, int Min, int Max)[]
        {
            ("second", schedule.Second, 0, 59), ("minute", schedule.Minute, 0, 59), ("hour", schedule.Hour, 0, 23),
            ("dayOfMonth", schedule.DayOfMonth, 1, 31), ("month", schedule.Month, 1, 12), ("dayOfWeek", schedule.DayOfWeek, 1, 7),
        };
        var sets = new bool[fields.Length][];
        for (var i = 0; i < fields.Length; i++)
        {
            var (name, value, min, max) = fields[i];
            var (set, error) = Field(name, value, min, max);
            if (error is not null)
            {
                return (null, error);
            }

            sets[i] = set!;
        }

        var compiled = new CompiledQuerySchedule(sets[0], sets[1], sets[2], sets[3], sets[4], sets[5]);
        return compiled.Next(Instant.FromUtc(2000, 1, 1, 0, 0)) is null
            ? (null, "The schedule matches no date (e.g. dayOfMonth 31 in a month of 30 days).")
            : (compiled, null);
    }

    /// <summary>The first query time strictly after <paramref name="after"/> (whole seconds), within eight years; null if none.</summary>
    public Instant? Next(Instant after)
    {
        var start = after.InUtc().LocalDateTime.PlusSeconds(1);
        start = start.PlusNanoseconds(-start.NanosecondOfSecond);
        var date = start.Date;
        for (var day = 0; day < 366 * 8; day++, date = date.PlusDays(1))
        {
            if (!_days[date.Day] || !_months[date.Month] || !_weekdays[(int)date.DayOfWeek])
            {
                continue;
            }

            var first = date == start.Date;
            for (var h = first ? start.Hour : 0; h < 24; h++)
            {
                if (!_hours[h])
                {
                    continue;
                }

                var firstHour = first && h == start.Hour;
                for (var m = firstHour ? start.Minute : 0; m < 60; m++)
                {
                    if (!_minutes[m])
                    {
                        continue;
                    }

                    for (var s = firstHour && m == start.Minute ? start.Second : 0; s < 60; s++)
                    {
                        if (_seconds[s])
                        {
                            return date.At(new LocalTime(h, m, s)).InUtc().ToInstant();
                        }
                    }
                }
            }
        }

        return null;
    }

    private static (bool[]? Set, string? Error) Field(string name, string? value, int min, int max)
    {
        var set = new bool[max + 1];
        if (value is null)
        {
            Array.Fill(set, true, min, max - min + 1);
            return (set, null);
        }

        foreach (var element in value.Split(','))
        {
            int from, to;
            if (element.StartsWith('[') && element.EndsWith(']') && element[1..^1].Split('-') is [var a, var b])
            {
                if (!Number(a, out from) || !Number(b, out to))
                {
                    return (null, Bad(name, value, min, max));
                }
            }
            else if (Number(element, out from))
            {
                to = from;
            }
            else
            {
                return (null, Bad(name, value, min, max));
            }

            if (from < min || to > max || from > to)
            {
                return (null, $"'{name}' = '{value}': every number must be from {min} to {max}, and a range [a-b] must not run backwards.");
            }

            Array.Fill(set, true, from, to - from + 1);
        }

        return (set, null);
    }

    private static bool Number(string s, out int value)
    {
        value = 0;
        return s.Length is > 0 and <= 2 && s.All(char.IsAsciiDigit) && int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static string Bad(string name, string value, int min, int max)
        => $"'{name}' = '{value}' is not a query schedule field: give numbers ({min}-{max}) and ranges like [{min}-{max}], separated by commas.";
}
