using EsgTrace.Audit;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace EsgTrace.Portal.Api;

/// <summary>The audit trail, read-only, one UTC day at a time.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", ReadDay).RequireAuthorization(Policies.Audit)
            .WithName("ReadAudit").WithSummary("Audit records of one UTC day (yyyy-MM-dd; default today), in time order.").WithTags("Audit");
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, ProblemHttpResult>> ReadDay(AccountService accounts, IClock clock, string? day, string? after, int? pageSize)
    {
        var date = clock.GetCurrentInstant().InUtc().Date;
        if (day is not null)
        {
            var parsed = LocalDatePattern.Iso.Parse(day);
            if (!parsed.Success)
            {
                return ProblemResults.Invalid("day", $"'{day}' is not a date of the form yyyy-MM-dd.");
            }

            date = parsed.Value;
        }

        return TypedResults.Ok(await accounts.ReadAuditAsync(date, after, pageSize ?? 100));
    }
}
