using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EsgTrace.Epcis;
using EsgTrace.Portal.Auth;
using NodaTime.Text;

namespace EsgTrace.Portal.Api;

/// <summary>
/// Reads of the EPCIS master data captured in document headers. The EPCIS 2.0 REST binding defines no master-data
/// endpoint (master data is captured through /capture only, and SimpleMasterDataQuery has no REST form), so these are
/// ours, kept small: the vocabulary types, a type's elements a page at a time, one element with its history. Elements are
/// written in the EPCIS JSON shape (vocabularyElementList of id, attributes, children) with what the repository adds
/// (name, version, recordTime, captureID, the id as sent). Roles as /events: the supply chain and the auditor.
/// </summary>
public static class MasterDataApi
{
    public static IEndpointRouteBuilder MapMasterDataApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup(string.Empty).RequireAuthorization(Policies.SupplyChain).WithTags("EPCIS 2.0 master data");
        read.MapGet("/vocabularies", Types).WithName("EpcisVocabularyTypes")
            .WithSummary("The vocabulary types master data has been captured for (a Collection of URIs).");
        read.MapGet("/vocabularies/{type}", Elements).WithName("EpcisVocabulary")
            .WithSummary("The elements of one vocabulary type (URL-encoded), in id order: perPage (1-1000, default 30), nextPageToken (also in Link rel=next).");
        read.MapGet("/vocabularies/{type}/{id}", Element).WithName("EpcisVocabularyElement")
            .WithSummary("One vocabulary element (type and id URL-encoded; any spelling of a GS1 key) with its attributes, children and every version with its record time.");
        return app;
    }

    private static async Task<IResult> Types(HttpContext http, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        var types = await grains.GetGrain<IMasterDataGrain>(0).Types();
        return TypedResults.Ok(new { type = "Collection", member = types });
    }

    private static async Task<IResult> Elements(string type, HttpContext http, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        type = Uri.UnescapeDataString(type);
        var unknown = http.Request.Query.Keys.FirstOrDefault(k => k is not ("perPage" or "nextPageToken"));
        if (unknown is not null)
        {
            return EpcisApi.Problem(QueryProblem($"'{unknown}' is not a parameter of this endpoint; it takes perPage and nextPageToken."));
        }

        var perPage = EpcisQuery.DefaultPerPage;
        if (http.Request.Query.TryGetValue("perPage", out var pp) && (!int.TryParse(pp.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage is < 1 or > EpcisQuery.MaxPerPage))
        {
            return EpcisApi.Problem(QueryProblem($"'perPage' must be a whole number from 1 to {EpcisQuery.MaxPerPage}."));
        }

        string? after = null;
        if (http.Request.Query.TryGetValue("nextPageToken", out var token) && (after = DecodeToken(token.ToString())) is null)
        {
            return EpcisApi.Problem(QueryProblem("'nextPageToken' is not a token this repository issued; start again without it."));
        }

        var page = await grains.GetGrain<IMasterDataGrain>(0).List(type, perPage, after);
        if (page.Next is { } next)
        {
            NextPageLink.Add(http, EpcisPageToken.EncodeAfter(ListingTag, next));
        }

        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", page.Type);
            w.WriteStartArray("vocabularyElementList");
            foreach (var e in page.Elements)
            {
                WriteElement(w, e, null);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> Element(string type, string id, HttpContext http, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        type = Uri.UnescapeDataString(type);
        id = Uri.UnescapeDataString(id);
        var element = await grains.GetGrain<IMasterDataGrain>(0).Get(type, id);
        if (element is null)
        {
            return EpcisApi.Problem(new EpcisProblem(EpcisProblem.NoSuchResource, "No such vocabulary element.", $"There is no master data for '{id}' in vocabulary '{type}'.", null, StatusCodes.Status404NotFound));
        }

        var history = await grains.GetGrain<IVocabularyElementGrain>(VocabularyKeys.Grain(element.Type, element.Id)).History();
        return Json(w => WriteElement(w, element, history));
    }

    private static void WriteElement(Utf8JsonWriter w, VocabularyElement e, IReadOnlyList<VocabularyElementVersion>? history)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id);
        w.WriteString("sentID", e.SentId);
        if (e.Name is { } name)
        {
            w.WriteString("name", name);
        }

        WriteAttributes(w, e.Attributes);
        WriteChildren(w, e.Children);
        w.WriteNumber("version", e.Version);
        w.WriteString("recordTime", InstantPattern.ExtendedIso.Format(e.RecordTime));
        w.WriteString("captureID", e.CaptureId);
        if (history is not null)
        {
            w.WriteStartArray("history");
            foreach (var v in history)
            {
                w.WriteStartObject();
                w.WriteNumber("version", v.Version);
                w.WriteString("recordTime", InstantPattern.ExtendedIso.Format(v.RecordTime));
                w.WriteString("captureID", v.CaptureId);
                w.WriteString("sentID", v.SentId);
                WriteAttributes(w, v.Attributes);
                WriteChildren(w, v.Children);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteAttributes(Utf8JsonWriter w, IReadOnlyList<VocabularyAttribute> attributes)
    {
        w.WriteStartArray("attributes");
        foreach (var a in attributes)
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            if (a.Json is not null)
            {
                w.WritePropertyName("attribute");
                w.WriteRawValue(a.Json);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteChildren(Utf8JsonWriter w, IReadOnlyList<string> children)
    {
        w.WriteStartArray("children");
        foreach (var c in children)
        {
            w.WriteStringValue(c);
        }

        w.WriteEndArray();
    }

    private static IResult Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        return TypedResults.Bytes(buffer.WrittenMemory.ToArray(), "application/json");
    }

    private static EpcisProblem QueryProblem(string detail) => new(EpcisProblem.QueryParameter, "The query is not valid.", detail);

    /// <summary>A listing token's tag: the canonical id to continue after follows it.</summary>
    private const string ListingTag = "v1:";

    private static string? DecodeToken(string token) => EpcisPageToken.DecodeAfter(ListingTag, token) is { Length: > 0 } after ? after : null;

    private static void AddVersionHeaders(HttpContext http)
    {
        http.Response.Headers["GS1-EPCIS-Version"] = EpcisApi.Version;
        http.Response.Headers["GS1-CBV-Version"] = EpcisApi.Version;
    }
}
