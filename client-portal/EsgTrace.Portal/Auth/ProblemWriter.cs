using Microsoft.AspNetCore.Mvc;

namespace EsgTrace.Portal.Auth;

/// <summary>Writes an RFC 9457 problem document where no endpoint result is involved (authentication challenges).</summary>
public static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
