using System.Globalization;
using NodaTime;

namespace EsgTrace.Portal.Services;

/// <summary>
/// A local date and time read in an IANA time zone (NodaTime's TZDB), turned into the <see cref="OffsetDateTime"/> a record
/// keeps: the zone's offset at that local time. Records keep offsets, not zones, so a recorded time reads back in the fixed
/// zone of its offset ("UTC+05:30").
/// </summary>
public static class ZonedTime
{
    /// <summary>Every TZDB zone id (canonical and alias), sorted.</summary>
    public static IReadOnlyList<string> ZoneIds { get; } = DateTimeZoneProviders.Tzdb.Ids.Order(StringComparer.Ordinal).ToList();

    /// <summary>The zone of an id: a TZDB id, or a fixed offset written "UTC", "UTC+05:30", "UTC-03"; null when unknown.</summary>
    public static DateTimeZone? Zone(string? id) => string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim());

    /// <summary>The fixed zone id of an offset as recorded ("UTC+05:30"; "UTC" for zero).</summary>
    public static string FixedZoneId(Offset offset) => DateTimeZone.ForOffset(offset).Id;

    /// <summary>
    /// The recorded time of a local date and time in a zone. A time the clocks skipped (spring forward) does not exist and is
    /// refused; a time that occurs twice (fall back) is taken at its first occurrence, and <see cref="Resolution.Note"/> says so.
    /// </summary>
    public static Resolution Resolve(LocalDate date, LocalTime time, string? zoneId)
    {
        if (Zone(zoneId) is not { } zone)
        {
            return new(null, $"'{zoneId}' is not a known time zone; pick one from the list (e.g. Asia/Kolkata, Europe/Berlin).", null);
        }

        var local = date + time;
        var mapping = zone.MapLocal(local);
        switch (mapping.Count)
        {
            case 0:
                return new(null, string.Create(CultureInfo.InvariantCulture, $"{Format(local)} does not exist in {zone.Id}: the clocks went forward from {mapping.EarlyInterval.WallOffset} to {mapping.LateInterval.WallOffset}. Pick a time after the change."), null);
            case 1:
                return new(mapping.Single().ToOffsetDateTime(), null, null);
            default:
                var first = mapping.First().ToOffsetDateTime();
                var second = mapping.Last().ToOffsetDateTime();
                return new(first, null, $"{Format(local)} occurs twice in {zone.Id} (clocks went back); taken as the first, at {first.Offset}, not {second.Offset}.");
        }
    }

    /// <summary>A recorded time as date, time and the fixed zone of its offset, to prefill a form.</summary>
    public static (LocalDate Date, LocalTime Time, string ZoneId) Split(OffsetDateTime value) => (value.Date, value.TimeOfDay, FixedZoneId(value.Offset));

    private static string Format(LocalDateTime local) => local.ToString("uuuu'-'MM'-'dd HH':'mm", CultureInfo.InvariantCulture);

    /// <summary>The recorded time, or why there is none; <see cref="Note"/> explains a choice made for an ambiguous time.</summary>
    public sealed record Resolution(OffsetDateTime? Value, string? Error, string? Note);
}
