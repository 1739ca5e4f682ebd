using EsgTrace.Portal.Auth;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace EsgTrace.Portal.Api;

/// <summary>
/// API calls that send a body send it in a media type their endpoint takes: JSON (application/json or any +json type)
/// unless the endpoint declares others (<c>.Accepts(…)</c>: CSV imports, the OAuth token form, EPCIS JSON-LD). Anything
/// else, in particular the three types a plain HTML form can send (text/plain, form-urlencoded, multipart), is refused
/// with 415 problem details before the endpoint runs, so no endpoint reads a body it did not ask for.
/// </summary>
public static class RequestContentTypes
{
    public static IApplicationBuilder UseEsgTraceRequestContentTypes(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (ApiWrites.RefuseCookie(request) && HasBody(request) && context.GetEndpoint() is { } endpoint)
        {
            var accepted = endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().SelectMany(a => a.ContentTypes).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (!Accepts(request.ContentType, accepted))
            {
                var expected = accepted.Count == 0 ? "application/json" : string.Join(" or ", accepted);
                await ProblemWriter.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                    $"Send the body as {expected} (Content-Type: {expected.Split(' ')[0]}); '{request.ContentType ?? "none"}' is not accepted here.");
                return;
            }
        }

        await next(context);
    });

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.ContentType is not null || request.Headers.TransferEncoding.Count > 0;

    private static bool Accepts(string? contentType, IReadOnlyList<string> accepted)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        // An endpoint that declares nothing takes JSON (what a typed body parameter, or none, means here).
        var declared = accepted.Count == 0 ? ["application/json"] : accepted;
        return (declared.Any(IsJsonType) && IsJsonType(media.MediaType.Value ?? string.Empty))
               || declared.Any(a => MediaTypeHeaderValue.TryParse(a, out var type) && media.IsSubsetOf(type));
    }

    private static bool IsJsonType(string type) => type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
}
