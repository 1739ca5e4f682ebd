using EsgTrace.Epcis;
using EsgTrace.Epcis.Xml;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace EsgTrace.Portal.Api;

/// <summary>
/// The XML binding of the EPCIS REST API: which requests send XML (Content-Type application/xml or text/xml), which
/// answers are wanted as XML (Accept: application/xml or text/xml preferred over JSON), and the XML answer itself. The
/// conversions are the domain's (<see cref="EpcisXmlReader"/>, <see cref="EpcisXmlWriter"/>).
/// </summary>
public static class EpcisXmlBinding
{
    public const string ApplicationXml = "application/xml";
    public const string TextXml = "text/xml";

    /// <summary>True when the body is sent as XML.</summary>
    public static bool IsXml(string contentType)
        => contentType.StartsWith(ApplicationXml, StringComparison.OrdinalIgnoreCase) || contentType.StartsWith(TextXml, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when the client prefers XML: the Accept media type of highest quality (the first on a tie) that we can answer
    /// is application/xml or text/xml. JSON stays the default (no Accept, */*, application/json, application/ld+json).
    /// </summary>
    public static bool WantsXml(HttpRequest request)
    {
        IList<MediaTypeHeaderValue> accept;
        try
        {
            accept = request.GetTypedHeaders().Accept;
        }
        catch (FormatException)
        {
            return false;
        }

        var best = accept
            .Select((m, i) => (Type: m.MediaType.Value ?? string.Empty, Quality: m.Quality ?? 1.0, Index: i))
            .Where(m => m.Quality > 0 && m.Type is ApplicationXml or TextXml or "application/json" or "application/ld+json" or "*/*" or "application/*")
            .OrderByDescending(m => m.Quality).ThenBy(m => m.Index)
            .FirstOrDefault();
        return best.Type is ApplicationXml or TextXml;
    }

    /// <summary>The page as an EPCISQueryDocument in XML, or 406 when an event has no XML form.</summary>
    public static IResult QueryDocument(EpcisPage page, Instant now, string contentType)
    {
        try
        {
            return TypedResults.Bytes(EpcisXmlWriter.QueryDocument(page.Events, page.Context, now), contentType + "; charset=utf-8");
        }
        catch (MappingException ex)
        {
            return EpcisApi.Problem(new EpcisProblem(EpcisProblem.Implementation, "Not available as XML.", ex.Message + " Ask for application/json.", null, StatusCodes.Status406NotAcceptable));
        }
    }

    /// <summary>The media type to answer XML with: the one the client named first among the two.</summary>
    public static string XmlTypeFor(HttpRequest request)
        => request.Headers.Accept.ToString().Contains(TextXml, StringComparison.OrdinalIgnoreCase)
           && !request.Headers.Accept.ToString().Contains(ApplicationXml, StringComparison.OrdinalIgnoreCase) ? TextXml : ApplicationXml;
}
