using EsgTrace.Gs1;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EsgTrace.Factors;
using EsgTrace.Storage;
using EsgTrace.SupplyChain;
using NodaTime;

namespace EsgTrace.Epcis;

/// <summary>
/// Turns captured events into supply-chain facts, through the same grains (and checks) as the portal and the API:
/// <list type="bullet">
/// <item>an ObjectEvent with bizStep shipping whose quantities name recorded lots (by their epcClass) becomes a shipment;
/// mode and distance come from EsgTrace's extension fields (namespace <see cref="Namespace"/>: transportMode,
/// distanceKm, optional arrivalTime), masses from quantities in KGM, TNE or GRM;</item>
/// <item>a TransformationEvent whose inputs name recorded lots and whose outputs carry a product's GTIN becomes a
/// production batch (units from pieces in outputQuantityList or the count of outputEPCList);</item>
/// <item>certificationInfo links each certificate to every recorded lot the event names;</item>
/// <item>an error declaration withdraws what its event fed (shipment, batch, links): the event stays queryable, the
/// figures no longer use it.</item>
/// </list>
/// Every event gets an outcome saying what it fed, or why not. Ids derive from the eventID, so feeding again is a no-op.
/// </summary>
public sealed class EpcisDomainFeed(IGrainFactory grains, IIndexStore index)
{
    public const string Namespace = "https://esgtrace.dev/epcis/";

    public async Task<IReadOnlyList<FeedOutcome>> FeedAsync(EpcisDocumentRead document, EpcisStoreResult stored, string actor)
    {
        var isNew = stored.StoredEventIds.ToHashSet(StringComparer.Ordinal);
        var declared = stored.DeclaredEventIds.ToHashSet(StringComparer.Ordinal);
        var prefix = document.Context.FirstOrDefault(p => p.Value == Namespace).Key;
        var outcomes = new List<FeedOutcome>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in document.Events)
        {
            if (!done.Add(e.EventId) || (!isNew.Contains(e.EventId) && !declared.Contains(e.EventId)))
            {
                continue;
            }

            if (declared.Contains(e.EventId))
            {
                outcomes.Add(await RetractAsync(e, actor));
                continue;
            }

            var fed = new List<FeedOutcome>();
            if (e.Type == "ObjectEvent" && BizStep(e.Json) == "shipping")
            {
                fed.Add(await ShipmentAsync(e, prefix, actor));
            }
            else if (e.Type == "TransformationEvent")
            {
                fed.Add(await BatchAsync(e, actor));
            }

            if (e.Json.TryGetProperty("certificationInfo", out var certificates))
            {
                fed.Add(await CertificatesAsync(e, certificates, actor));
            }

            outcomes.AddRange(fed);
        }

        return outcomes;
    }

    /// <summary>The id of the shipment or batch an event feeds: derived from its eventID.</summary>
    public static string DerivedId(string eventId) => "epcis:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventId)).AsSpan(0, 12));

    private async Task<FeedOutcome> ShipmentAsync(EpcisEventIn e, string? prefix, string actor)
    {
        var lots = await LotsAsync(e.Json, ["quantityList"], ["epcList"]);
        if (lots.Count == 0)
        {
            return Skipped(e, "No recorded lot has the epcClass or EPC of this shipping event; record the lot with its epcClass first.");
        }

        var mass = Mass(e.Json, "quantityList");
        if (mass is null)
        {
            return Skipped(e, "A shipment needs its mass: give every quantityList element a quantity in KGM, TNE or GRM.");
        }

        var mode = prefix is null ? null : EpcisTerms.Text(e.Json, prefix + ":transportMode");
        var distance = prefix is not null && e.Json.TryGetProperty(prefix + ":distanceKm", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDecimal() : (decimal?)null;
        if (mode is null || distance is null || !Enum.TryParse<TransportMode>(mode.Replace("-", string.Empty, StringComparison.Ordinal), true, out var transport) || !Enum.IsDefined(transport))
        {
            return Skipped(e, $"A shipment needs its mode and distance: declare the namespace {Namespace} in @context and give transportMode (road, rail, sea, air, inland-waterway) and distanceKm.");
        }

        var departed = OffsetTime(e.Json.GetProperty("eventTime").GetString()!, EpcisTerms.Text(e.Json, "eventTimeZoneOffset"));
        var arrivedText = prefix is null ? null : EpcisTerms.Text(e.Json, prefix + ":arrivalTime");
        var arrived = arrivedText is null ? departed : OffsetTime(arrivedText, null);
        var from = Party(e.Json, "sourceList") ?? EpcisTerms.Location(e.Json, "bizLocation") ?? EpcisTerms.Location(e.Json, "readPoint") ?? "unknown origin";
        var to = Party(e.Json, "destinationList") ?? "unknown destination";
        var input = new ShipmentInput(lots, Short(from), Short(to), transport, distance.Value, "km", mass.Value, "kg", departed, arrived);
        var id = DerivedId(e.EventId);
        // A captured event is a fact: recorded even when a lot's origin held less, and flagged in the lot's mass balance.
        var outcome = await grains.GetGrain<IShipmentGrain>(id).Record(input, actor, flagShortfall: true);
        var overdrawn = outcome.Value?.OverdrawnLots is { Count: > 0 } over ? $"; over-consumption flagged: {string.Join(", ", over)} held less at '{Short(from)}' than this event moved" : string.Empty;
        return outcome.IsOk
            ? new FeedOutcome(e.EventId, "shipment", "shipment:" + id, $"{Numbers(mass.Value)} kg of {string.Join(", ", lots)} by {mode}, {Numbers(distance.Value)} km{overdrawn}")
            : Skipped(e, outcome.Problem!.Detail);
    }

    private async Task<FeedOutcome> BatchAsync(EpcisEventIn e, string actor)
    {
        var lots = await LotsAsync(e.Json, ["inputQuantityList"], ["inputEPCList"]);
        if (lots.Count == 0)
        {
            return Skipped(e, "No recorded lot is among the inputs of this transformation; record the input lots with their epcClass first.");
        }

        var gtins = EpcisTerms.Classes(e.Json, ["outputQuantityList"]).Concat(EpcisTerms.Epcs(e.Json, ["outputEPCList"])).Select(GtinOf).OfType<string>().Distinct().ToList();
        string? product = null;
        foreach (var gtin in gtins)
        {
            product ??= await SupplyChainIndexes.FindAsync(index, SupplyChainLists.ProductsByGtin, gtin);
        }

        if (product is null)
        {
            return Skipped(e, gtins.Count == 0 ? "The outputs carry no GTIN." : $"No product is defined with GTIN {string.Join(" or ", gtins)}.");
        }

        var units = OutputUnits(e.Json);
        if (units <= 0)
        {
            return Skipped(e, "A batch needs its output count: outputQuantityList in pieces (no uom, EA or H87) or outputEPCList.");
        }

        var produced = OffsetTime(e.Json.GetProperty("eventTime").GetString()!, EpcisTerms.Text(e.Json, "eventTimeZoneOffset"));
        // Where the batch ran: its business location, else its read point; the lots' mass is taken there.
        var site = (EpcisTerms.Location(e.Json, "bizLocation") ?? EpcisTerms.Location(e.Json, "readPoint")) is { } at ? Short(at) : null;
        var id = DerivedId(e.EventId);
        var outcome = await grains.GetGrain<IProductionBatchGrain>(id).Record(new BatchInput(product, lots, units, produced, Site: site), actor, flagShortfall: true);
        return outcome.IsOk
            ? new FeedOutcome(e.EventId, "batch", "batch:" + id, $"{Numbers(units)} × {product} from {string.Join(", ", lots)}")
            : Skipped(e, outcome.Problem!.Detail);
    }

    private async Task<FeedOutcome> CertificatesAsync(EpcisEventIn e, JsonElement certificates, string actor)
    {
        var lots = await LotsAsync(e.Json, EpcisTerms.QuantityFields, EpcisTerms.EpcFields);
        if (lots.Count == 0)
        {
            return Skipped(e, "certificationInfo names no recorded lot to link to.");
        }

        var uris = certificates.ValueKind == JsonValueKind.Array ? certificates.EnumerateArray().Select(c => c.GetString()!).ToList() : [certificates.GetString()!];
        foreach (var lot in lots)
        {
            foreach (var uri in uris)
            {
                await grains.GetGrain<IMaterialLotGrain>(lot).LinkCertification(new LotCertificationLink(uri, e.EventId, e.EventTime), actor);
            }
        }

        return new FeedOutcome(e.EventId, "certificate", "lot:" + string.Join(",", lots), $"{string.Join(", ", uris)} linked to {string.Join(", ", lots)}");
    }

    private async Task<FeedOutcome> RetractAsync(EpcisEventIn e, string actor)
    {
        var id = DerivedId(e.EventId);
        var reason = $"EPCIS event {e.EventId} was declared erroneous";
        var retracted = new List<string>();
        if (await grains.GetGrain<IShipmentGrain>(id).Get() is not null)
        {
            await grains.GetGrain<IShipmentGrain>(id).Withdraw(reason, actor);
            retracted.Add("shipment:" + id);
        }

        if (await grains.GetGrain<IProductionBatchGrain>(id).Get() is not null)
        {
            await grains.GetGrain<IProductionBatchGrain>(id).Withdraw(reason, actor);
            retracted.Add("batch:" + id);
        }

        foreach (var lot in await LotsAsync(e.Json, EpcisTerms.QuantityFields, EpcisTerms.EpcFields))
        {
            await grains.GetGrain<IMaterialLotGrain>(lot).UnlinkCertification(e.EventId, actor);
        }

        return new FeedOutcome(e.EventId, "retracted", retracted.Count == 0 ? null : string.Join(",", retracted),
            retracted.Count == 0 ? "Error declaration recorded; the event had fed no shipment or batch." : $"Withdrawn: {string.Join(", ", retracted)}.");
    }

    private async Task<List<string>> LotsAsync(JsonElement e, IEnumerable<string> quantityFields, IEnumerable<string> epcFields)
    {
        var lots = new List<string>();
        foreach (var key in EpcisTerms.Classes(e, quantityFields).Concat(EpcisTerms.Epcs(e, epcFields)).Distinct(StringComparer.Ordinal))
        {
            if (await SupplyChainIndexes.FindAsync(index, SupplyChainLists.LotsByEpc, key) is { } lot && !lots.Contains(lot))
            {
                lots.Add(lot);
            }
        }

        return lots;
    }

    /// <summary>Total mass in kg, or null unless every element has a quantity in a mass unit.</summary>
    private static decimal? Mass(JsonElement e, string field)
    {
        if (!e.TryGetProperty(field, out var list) || list.GetArrayLength() == 0)
        {
            return null;
        }

        var kg = 0m;
        foreach (var q in list.EnumerateArray())
        {
            var factor = EpcisTerms.Text(q, "uom") switch { "KGM" => 1m, "TNE" => 1000m, "GRM" => 0.001m, _ => (decimal?)null };
            if (factor is null || !q.TryGetProperty("quantity", out var n) || n.ValueKind != JsonValueKind.Number)
            {
                return null;
            }

            kg += n.GetDecimal() * factor.Value;
        }

        return kg > 0 ? kg : null;
    }

    private static decimal OutputUnits(JsonElement e)
    {
        var units = 0m;
        if (e.TryGetProperty("outputQuantityList", out var list))
        {
            foreach (var q in list.EnumerateArray())
            {
                if (EpcisTerms.Text(q, "uom") is null or "EA" or "H87" && q.TryGetProperty("quantity", out var n) && n.ValueKind == JsonValueKind.Number)
                {
                    units += n.GetDecimal();
                }
            }
        }

        return units + (e.TryGetProperty("outputEPCList", out var epcs) ? epcs.GetArrayLength() : 0);
    }

    /// <summary>The GTIN-14 of a canonical Digital Link (…/01/{gtin}/…), or null.</summary>
    private static string? GtinOf(string canonical)
    {
        const string marker = DigitalLink.Root + "01/";
        return canonical.StartsWith(marker, StringComparison.Ordinal) && canonical.Length >= marker.Length + 14 ? canonical.Substring(marker.Length, 14) : null;
    }

    private static string? BizStep(JsonElement e)
    {
        var step = EpcisTerms.Text(e, "bizStep");
        return step is null ? null : EpcisTerms.BizStepValue(step).Replace("https://ref.gs1.org/cbv/BizStep-", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>The first location (else owning party) of a source or destination list.</summary>
    private static string? Party(JsonElement e, string field)
    {
        if (!e.TryGetProperty(field, out var list))
        {
            return null;
        }

        var items = list.EnumerateArray().Select(x => (Type: EpcisTerms.Text(x, "type") ?? string.Empty, Id: EpcisTerms.Text(x, field == "sourceList" ? "source" : "destination"))).ToList();
        return (items.FirstOrDefault(x => x.Type.EndsWith("location", StringComparison.Ordinal)).Id ?? items.FirstOrDefault().Id) is { } id ? EpcisTerms.Identifier(id) : null;
    }

    private static OffsetDateTime OffsetTime(string time, string? zone)
    {
        var instant = Instant.FromDateTimeOffset(DateTimeOffset.Parse(time, CultureInfo.InvariantCulture));
        var offset = zone is null
            ? Offset.FromTimeSpan(DateTimeOffset.Parse(time, CultureInfo.InvariantCulture).Offset)
            : Offset.FromTimeSpan(TimeSpan.Parse(zone.TrimStart('+'), CultureInfo.InvariantCulture));
        return instant.WithOffset(offset);
    }

    private static string Short(string text) => text.Length <= 200 ? text : text[..200];

    private static string Numbers(decimal value) => Units.Numbers.Plain(value);

    private static FeedOutcome Skipped(EpcisEventIn e, string why) => new(e.EventId, "not-fed", null, why);
}
