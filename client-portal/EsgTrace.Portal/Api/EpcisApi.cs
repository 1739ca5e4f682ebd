using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using EsgTrace.Epcis;
using EsgTrace.Portal.Auth;
using NodaTime;

namespace EsgTrace.Portal.Api;

/// <summary>
/// The GS1 EPCIS 2.0 repository (REST binding, JSON/JSON-LD): capture as a job, capture job status, the standard event
/// query, one event, and the events of one EPC. Supply-chain teams capture; the supply-chain and audit roles query (events are supplier records).
/// </summary>
public static class EpcisApi
{
    public const string Version = "2.0.0";
    private const string JsonLd = "application/ld+json";

    /// <summary>Largest capture body (advertised as GS1-EPCIS-Capture-File-Size-Limit).</summary>
    public const int MaxCaptureBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapEpcisApi(this IEndpointRouteBuilder app)
    {
        var write = app.MapGroup(string.Empty).RequireAuthorization(Policies.SupplyChainWrite).WithTags("EPCIS 2.0");
        var read = app.MapGroup(string.Empty).RequireAuthorization(Policies.SupplyChain).WithTags("EPCIS 2.0");
        write.MapPost("/capture", Capture).WithName("EpcisCapture").Accepts<JsonElement>("application/json", JsonLd, EpcisXmlBinding.ApplicationXml, EpcisXmlBinding.TextXml)
            .WithSummary("Capture an EPCISDocument: checked against the GS1 schema (400 and nothing stored if not), then stored by a capture job (202 + Location). All or nothing unless GS1-Capture-Error-Behaviour: proceed.");
        write.MapMethods("/capture", [HttpMethods.Options], CaptureOptions).WithName("EpcisCaptureOptions")
            .WithSummary("The capture limits (GS1-EPCIS-Capture-Limit: events per document; GS1-EPCIS-Capture-File-Size-Limit: bytes per document) and the versions, in headers; 204.");
        read.MapGet("/capture/{captureId}", CaptureStatus).WithName("EpcisCaptureJob")
            .WithSummary("A capture job: running, success, errors, counts and what each event fed. ?wait=N waits up to N seconds (max 30) for it to finish.");
        read.MapGet("/events", Events).WithName("EpcisEvents")
            .WithSummary("Query events (EPCISQueryDocument) with the EPCIS 2.0 SimpleEventQuery parameters: eventType; EQ_/GT_/GE_/LT_/LE_ eventTime, recordTime, errorDeclarationTime; EQ_action, bizStep, disposition, persistentDisposition_set/unset, readPoint, bizLocation, transformationID, eventID, errorReason, correctiveEventID; MATCH_epc, parentID, inputEPC, outputEPC, anyEPC, epcClass, inputEPCClass, outputEPCClass, anyEPCClass (EPCs, Digital Links, urn:epc:idpat: patterns); EQ_/GT_/GE_/LT_/LE_quantity[_uom]; EQ_bizTransaction_/source_/destination_{type}; EQ_/GT_/GE_/LT_/LE_/EXISTS_[INNER_][ILMD_|ERROR_DECLARATION_|SENSORELEMENT_|SENSORMETADATA_|SENSORREPORT_|readPoint_|bizLocation_]{namespace#field|prefix:field}; EXISTS_errorDeclaration, EXISTS_sensorElementList; sensor time, startTime, endTime, type, deviceID, deviceMetadata, rawData, dataProcessingMethod, microorganism, chemicalSubstance, bizRules, stringValue, booleanValue, hexBinaryValue, uriValue, value/minValue/maxValue/meanValue/sDev/percValue[_uom], percRank; orderBy, orderDirection, eventCountLimit, maxEventCount; perPage, nextPageToken (also in Link rel=next). List values are separated by | or ,. WD_bizLocation, WD_readPoint, EQATTR_{field}_{attribute}, HASATTR_{field} (master data). Unknown parameters are QueryParameterException (400); a query over maxEventCount or over the repository's scan limit is QueryTooLargeException (413).");
        read.MapGet("/events/{eventId}", Event).WithName("EpcisEvent").WithSummary("One event by its eventID (URL-encoded), as an EPCISQueryDocument (JSON-LD; XML on Accept: application/xml).");
        read.MapGet("/epcs/{epc}/events", EpcEvents).WithName("EpcisEpcEvents").WithSummary("The events of one EPC (URN or Digital Link, URL-encoded), with the same parameters as /events.");
        return app;
    }

    private static async Task<IResult> Capture(HttpContext http, ClaimsPrincipal user, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        var behaviour = http.Request.Headers["GS1-Capture-Error-Behaviour"].ToString();
        if (behaviour.Length > 0 && behaviour is not ("rollback" or "proceed"))
        {
            return Problem(EpcisProblem.Invalid("GS1-Capture-Error-Behaviour is 'rollback' (the default: all or nothing) or 'proceed'."));
        }

        var contentType = http.Request.ContentType ?? string.Empty;
        var xml = EpcisXmlBinding.IsXml(contentType);
        if (!xml && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) && !contentType.StartsWith(JsonLd, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("Send the EPCISDocument as application/json, application/ld+json, application/xml or text/xml.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(http.Request);
        }
        catch (InvalidDataException)
        {
            return Problem(new EpcisProblem("epcisException:CaptureLimitExceededException", "The document is too large.", $"A capture body is at most {MaxCaptureBytes} bytes; split the document.", null, StatusCodes.Status413PayloadTooLarge));
        }

        if (xml)
        {
            // XML is validated against the GS1 XSD and captured as its JSON form: one stored form, one hash, for both bindings.
            var converted = Epcis.Xml.EpcisXmlReader.Read(body, MaxCaptureBytes);
            if (!converted.IsValid)
            {
                return Problem(converted.Problems[0], converted.Problems);
            }

            body = converted.Json!;
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            return Problem(EpcisProblem.Invalid($"The body is not JSON: {ex.Message}"));
        }

        using (doc)
        {
            var read = EpcisDocumentReader.Read(doc.RootElement);
            if (!read.IsValid)
            {
                return Problem(read.Problems[0], read.Problems);
            }

            // Refused before anything is staged: an event the repository cannot hold would fail the job after a 202.
            var limits = EpcisCaptureLimits.Check(read);
            if (limits.Count > 0)
            {
                return Problem(limits[0], limits);
            }

            var masterData = EpcisMasterDataReader.Read(doc.RootElement);
            if (masterData.Problems.Count > 0)
            {
                return Problem(masterData.Problems[0], masterData.Problems);
            }

            var captureId = "c" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
            await grains.GetGrain<ICaptureJobGrain>(captureId).Submit(body, read.Events.Count, behaviour == "proceed", user.Actor());
            http.Response.Headers.Location = "/capture/" + captureId;
            return TypedResults.Accepted("/capture/" + captureId, new { captureID = captureId, running = true, eventCount = read.Events.Count });
        }
    }

    private static IResult CaptureOptions(HttpContext http)
    {
        AddVersionHeaders(http);
        http.Response.Headers.Allow = "OPTIONS, POST";
        return TypedResults.NoContent();
    }

    private static async Task<IResult> CaptureStatus(string captureId, int? wait, HttpContext http, IGrainFactory grains)
    {
        AddVersionHeaders(http);
        var missing = Problem(new EpcisProblem(EpcisProblem.NoSuchResource, "No such capture job.", $"There is no capture job '{captureId}'.", null, StatusCodes.Status404NotFound));
        if (string.IsNullOrWhiteSpace(captureId) || captureId.Length > 128)
        {
            return missing; // no job is ever given such an id
        }

        var grain = grains.GetGrain<ICaptureJobGrain>(captureId);
        var job = wait is > 0 ? await grain.WaitFinished(TimeSpan.FromSeconds(Math.Min(wait.Value, 30))) : await grain.Status();
        return job is null ? missing : TypedResults.Ok(job);
    }

    private static Task<IResult> Events(HttpContext http, IGrainFactory grains) => QueryAsync(http, grains, null);

    private static Task<IResult> EpcEvents(string epc, HttpContext http, IGrainFactory grains) => QueryAsync(http, grains, [Uri.UnescapeDataString(epc)]);

    private static async Task<IResult> Event(string eventId, HttpContext http, IGrainFactory grains, IClock clock)
    {
        AddVersionHeaders(http);
        var stored = await grains.GetGrain<IEpcisQueryGrain>(0).Get(Uri.UnescapeDataString(eventId));
        return stored is null
            ? Problem(new EpcisProblem(EpcisProblem.NoSuchResource, "No such event.", $"There is no event '{eventId}'.", null, StatusCodes.Status404NotFound))
            : Document(http, new EpcisPage([stored.Event], stored.Context, null), clock.GetCurrentInstant());
    }

    private static async Task<IResult> QueryAsync(HttpContext http, IGrainFactory grains, IReadOnlyList<string>? epc)
    {
        AddVersionHeaders(http);
        var (query, problem) = EpcisQueryParser.Parse(http.Request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToArray())), epc);
        if (problem is not null)
        {
            return Problem(problem);
        }

        var page = await grains.GetGrain<IEpcisQueryGrain>(0).Query(query!);
        if (page.Problem is { } refused)
        {
            return Problem(refused);
        }

        if (page.NextPageToken is { } token)
        {
            NextPageLink.Add(http, token);
        }

        return Document(http, page, http.RequestServices.GetRequiredService<IClock>().GetCurrentInstant());
    }

    /// <summary>An EPCISQueryDocument around the stored events: JSON-LD written without re-parsing them, or XML on Accept: application/xml.</summary>
    private static IResult Document(HttpContext http, EpcisPage page, Instant now)
    {
        if (EpcisXmlBinding.WantsXml(http.Request))
        {
            return EpcisXmlBinding.QueryDocument(page, now, EpcisXmlBinding.XmlTypeFor(http.Request));
        }

        return TypedResults.Bytes(EpcisQueryDocumentWriter.Write(page.Events, page.Context, now, "SimpleEventQuery"), JsonLd);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxCaptureBytes)
        {
            throw new InvalidDataException();
        }

        using var memory = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (memory.Length + n > MaxCaptureBytes)
            {
                throw new InvalidDataException();
            }

            memory.Write(chunk, 0, n);
        }

        return memory.ToArray();
    }

    private static void AddVersionHeaders(HttpContext http)
    {
        http.Response.Headers["GS1-EPCIS-Version"] = Version;
        http.Response.Headers["GS1-CBV-Version"] = Version;
        http.Response.Headers["GS1-EPCIS-Capture-Limit"] = EpcisDocumentReader.CaptureLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers["GS1-EPCIS-Capture-File-Size-Limit"] = MaxCaptureBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An RFC 9457 problem with the EPCIS exception type; with several problems, all are listed under "errors".</summary>
    public static IResult Problem(EpcisProblem problem, IReadOnlyList<EpcisProblem>? all = null)
    {
        var extensions = new Dictionary<string, object?>();
        if (problem.Pointer is not null)
        {
            extensions["pointer"] = problem.Pointer;
        }

        if (all is { Count: > 1 })
        {
            extensions["errors"] = all.Select(p => new { detail = p.Detail, pointer = p.Pointer }).ToList();
        }

        return TypedResults.Problem(problem.Detail, statusCode: problem.Status, title: problem.Title, type: problem.Type, extensions: extensions);
    }
}
