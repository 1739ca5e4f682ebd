using System.Globalization;
using Orleans.Runtime;

namespace EsgTrace.Portal.Extensions;

/// <summary>
/// The Orleans dashboard's per-silo endpoints (<c>/dashboard/SiloStats/{address}</c>, <c>HistoricalStats/{path}</c>, …)
/// parse their route value as a silo address and throw on anything else, which answered 500. This filter refuses a value
/// that is not a silo address (as the dashboard prints them, e.g. <c>S127.0.0.1:11111:123456789</c>) with a 400 problem.
/// </summary>
public static class DashboardSiloAddresses
{
    private static readonly string[] Parameters = ["address", "path"];
    private static readonly string[] PerSiloPaths = ["/SiloProperties/", "/SiloMetadata/", "/SiloStats/", "/SiloCounters/", "/HistoricalStats/"];

    public static async ValueTask<object?> RefuseInvalid(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var path = http.Request.Path.Value ?? "";
        if (PerSiloPaths.Any(p => path.Contains(p, StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var name in Parameters)
            {
                if (http.Request.RouteValues.TryGetValue(name, out var value) && !IsSiloAddress(value as string))
                {
                    return TypedResults.Problem($"'{value}' is not a silo address (e.g. S127.0.0.1:11111:123456789).", statusCode: StatusCodes.Status400BadRequest,
                        title: "Not a silo address.");
                }
            }
        }

        return await next(context);
    }

    public static bool IsSiloAddress(string? text) => text is { Length: > 0 } && TryParse<SiloAddress>(text);

    private static bool TryParse<T>(string text) where T : IParsable<T>
    {
        try
        {
            return T.TryParse(text, CultureInfo.InvariantCulture, out _);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
