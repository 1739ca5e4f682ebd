using EsgTrace.Portal.Services;
using NodaTime;
using Xunit;

namespace EsgTrace.Portal.Tests.Services;

/// <summary>A local date and time in an IANA zone becomes the OffsetDateTime a record keeps; skipped and doubled times are handled.</summary>
public sealed class ZonedTimeTests
{
    [Fact]
    public void Resolve_Kolkata_KeepsPlusFiveThirty()
    {
        var r = ZonedTime.Resolve(new LocalDate(2026, 5, 1), new LocalTime(8, 0), "Asia/Kolkata");
        Assert.Equal(new OffsetDateTime(new LocalDateTime(2026, 5, 1, 8, 0), Offset.FromHoursAndMinutes(5, 30)), r.Value);
        Assert.Null(r.Error);
    }

    [Fact]
    public void Resolve_Berlin_TakesTheOffsetOfThatDay_SummerAndWinter()
    {
        // Central European Summer Time (+02:00) on 1 July, standard time (+01:00) on 1 December.
        Assert.Equal(Offset.FromHours(2), ZonedTime.Resolve(new LocalDate(2026, 7, 1), new LocalTime(9, 0), "Europe/Berlin").Value!.Value.Offset);
        Assert.Equal(Offset.FromHours(1), ZonedTime.Resolve(new LocalDate(2026, 12, 1), new LocalTime(9, 0), "Europe/Berlin").Value!.Value.Offset);
    }

    [Fact]
    public void Resolve_SkippedTime_IsRefusedWithTheChange()
    {
        // Berlin moved its clocks from 02:00 to 03:00 on 29 March 2026: 02:30 did not happen.
        var r = ZonedTime.Resolve(new LocalDate(2026, 3, 29), new LocalTime(2, 30), "Europe/Berlin");
        Assert.Null(r.Value);
        Assert.Equal("2026-03-29 02:30 does not exist in Europe/Berlin: the clocks went forward from +01 to +02. Pick a time after the change.", r.Error);
    }

    [Fact]
    public void Resolve_DoubledTime_TakesTheFirst_AndSaysSo()
    {
        // On 25 October 2026 Berlin went from 03:00 back to 02:00: 02:30 happened at +02:00 and again at +01:00.
        var r = ZonedTime.Resolve(new LocalDate(2026, 10, 25), new LocalTime(2, 30), "Europe/Berlin");
        Assert.Equal(Offset.FromHours(2), r.Value!.Value.Offset);
        Assert.Equal("2026-10-25 02:30 occurs twice in Europe/Berlin (clocks went back); taken as the first, at +02, not +01.", r.Note);
    }

    [Fact]
    public void Resolve_UnknownZone_IsRefused() => Assert.StartsWith("'Mars/Olympus' is not a known time zone", ZonedTime.Resolve(new LocalDate(2026, 1, 1), LocalTime.Noon, "Mars/Olympus").Error, StringComparison.Ordinal);

    [Fact]
    public void Split_ARecordedTime_ReadsBackInTheFixedZoneOfItsOffset_AndResolvesToItself()
    {
        var recorded = new OffsetDateTime(new LocalDateTime(2026, 3, 15, 18, 0), Offset.FromHours(8));
        var (date, time, zone) = ZonedTime.Split(recorded);
        Assert.Equal("UTC+08", zone);
        Assert.Equal(recorded, ZonedTime.Resolve(date, time, zone).Value);
        var india = ZonedTime.Split(new OffsetDateTime(new LocalDateTime(2026, 4, 2, 6, 0), Offset.FromHoursAndMinutes(5, 30)));
        Assert.Equal("UTC+05:30", india.ZoneId);
    }

    [Fact]
    public void ZoneIds_AreTheTzdbIds() => Assert.Contains("America/Sao_Paulo", ZonedTime.ZoneIds);
}
