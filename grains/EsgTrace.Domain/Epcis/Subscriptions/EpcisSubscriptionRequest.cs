using System.Globalization;
using System.Text.Json;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// Reads the body of <c>POST /queries/{name}/subscriptions</c> (REST binding AbstractQuerySubscription with
/// QueryStreamSubscription or QueryScheduleSubscription): <c>dest</c> (required), <c>signatureToken</c>,
/// <c>initialRecordTime</c> (default: now), and either <c>"stream": true</c> or a <c>schedule</c> (with <c>reportIfEmpty</c>).
/// Anything else, both or neither of stream and schedule, or a bad value is a SubscriptionControlsException.
/// </summary>
public static class EpcisSubscriptionRequest
{
    private static readonly string[] Members = ["dest", "signatureToken", "initialRecordTime", "stream", "schedule", "reportIfEmpty"];
    private static readonly string[] ScheduleFields = ["second", "minute", "hour", "dayOfMonth", "month", "dayOfWeek"];

    public static (EpcisSubscriptionSpec? Spec, EpcisProblem? Problem) Read(JsonElement body, string queryName, Instant now, string actor, bool allowPrivateDestinations)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Fail("The body is a JSON object with 'dest' and either \"stream\": true or a 'schedule'.");
        }

        foreach (var member in body.EnumerateObject())
        {
            if (!Members.Contains(member.Name, StringComparer.Ordinal))
            {
                return Fail($"'{member.Name}' is not a subscription member ({string.Join(", ", Members)}).", "/" + member.Name);
            }
        }

        if (!body.TryGetProperty("dest", out var destElement) || destElement.ValueKind != JsonValueKind.String)
        {
            return Fail("'dest' is required: the absolute http(s) URL the results are POSTed to.", "/dest");
        }

        var dest = destElement.GetString()!;
        if (WebhookDestinations.Check(dest, allowPrivateDestinations) is { } destError)
        {
            return Fail(destError, "/dest");
        }

        string? token = null;
        if (body.TryGetProperty("signatureToken", out var tokenElement))
        {
            if (tokenElement.ValueKind != JsonValueKind.String || tokenElement.GetString() is not { Length: > 0 and <= 1000 } t)
            {
                return Fail("'signatureToken' is a string of 1-1,000 characters (the key the deliveries' GS1-Signature is made with).", "/signatureToken");
            }

            token = t;
        }

        var initial = now;
        if (body.TryGetProperty("initialRecordTime", out var initialElement))
        {
            if (initialElement.ValueKind != JsonValueKind.String || !TryTime(initialElement.GetString()!, out initial))
            {
                return Fail("'initialRecordTime' must be an RFC 3339 date-time with an offset, e.g. 2026-01-31T00:00:00Z.", "/initialRecordTime");
            }
        }

        var stream = false;
        if (body.TryGetProperty("stream", out var streamElement))
        {
            if (streamElement.ValueKind != JsonValueKind.True)
            {
                return Fail("'stream' is true or left out (a subscription without a schedule must say \"stream\": true).", "/stream");
            }

            stream = true;
        }

        var reportIfEmpty = false;
        if (body.TryGetProperty("reportIfEmpty", out var reportElement))
        {
            if (reportElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Fail("'reportIfEmpty' is a boolean.", "/reportIfEmpty");
            }

            reportIfEmpty = reportElement.ValueKind == JsonValueKind.True;
        }

        EpcisQuerySchedule? schedule = null;
        if (body.TryGetProperty("schedule", out var scheduleElement))
        {
            if (scheduleElement.ValueKind != JsonValueKind.Object)
            {
                return Fail("'schedule' is an object of second, minute, hour, dayOfMonth, month and dayOfWeek.", "/schedule");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var f in scheduleElement.EnumerateObject())
            {
                if (!ScheduleFields.Contains(f.Name, StringComparer.Ordinal))
                {
                    return Fail($"'{f.Name}' is not a schedule field ({string.Join(", ", ScheduleFields)}).", "/schedule/" + f.Name);
                }

                if (f.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                {
                    return Fail($"Schedule field '{f.Name}' is a string such as \"0,30\" or \"[1-5]\".", "/schedule/" + f.Name);
                }

                fields[f.Name] = f.Value.ValueKind == JsonValueKind.String ? f.Value.GetString()! : f.Value.GetRawText();
            }

            schedule = new EpcisQuerySchedule(Field("second"), Field("minute"), Field("hour"), Field("dayOfMonth"), Field("month"), Field("dayOfWeek"));
            if (CompiledQuerySchedule.Compile(schedule).Error is { } scheduleError)
            {
                return Fail(scheduleError, "/schedule");
            }

            string? Field(string name) => fields.TryGetValue(name, out var v) ? v : null;
        }

        if (stream == (schedule is not null))
        {
            return Fail(stream
                ? "'stream' and 'schedule' are mutually exclusive: report on every matching capture, or on a schedule."
                : "Give either \"stream\": true (every matching capture is reported) or a 'schedule'; without either the repository would not know when to report.");
        }

        if (stream && reportIfEmpty)
        {
            return Fail("'reportIfEmpty' applies to scheduled subscriptions; a streaming subscription reports only when events match.", "/reportIfEmpty");
        }

        return (new EpcisSubscriptionSpec(queryName, dest, token, stream, schedule, reportIfEmpty, initial, now, actor), null);
    }

    /// <summary>RFC 3339 with a date, a time and an offset (as the query parser reads times).</summary>
    public static bool TryTime(string text, out Instant value)
    {
        value = default;
        if (!text.Contains('T', StringComparison.Ordinal) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return false;
        }

        value = Instant.FromDateTimeOffset(t);
        return true;
    }

    private static (EpcisSubscriptionSpec?, EpcisProblem?) Fail(string detail, string? pointer = null) => (null, EpcisSubscriptionProblems.Controls(detail, pointer));
}
