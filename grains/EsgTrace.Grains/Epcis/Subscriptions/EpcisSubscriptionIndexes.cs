using System.Globalization;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// Where named queries and subscriptions are listed, and the delivery outbox. Index "epcisqueries", partition "all": one
/// entry per query name. Index "epcissubs": partition "all" (every subscription, value = its query name) and "q:{name}"
/// (the subscriptions of one query). Index "epcisoutbox", partition = subscription id: one entry per capture (and chunk)
/// not yet delivered, key = record time (19 digits) + capture id + chunk, value = the event ids as a JSON array.
/// </summary>
public static class EpcisSubscriptionIndexes
{
    public const string Queries = "epcisqueries";
    public const string Subscriptions = "epcissubs";
    public const string Outbox = "epcisoutbox";
    public const string All = "all";

    public static string OfQuery(string queryName) => "q:" + queryName;

    public static string OutboxKey(Instant recordTime, string captureId, int chunk)
        => recordTime.ToUnixTimeTicks().ToString("D19", CultureInfo.InvariantCulture) + captureId + chunk.ToString("D4", CultureInfo.InvariantCulture);
}
