using EsgTrace.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EsgTrace.Portal.Api;

/// <summary>Turns a domain refusal into an RFC 9457 problem response with the matching status.</summary>
public static class ProblemResults
{
    public static ProblemHttpResult ToProblem(this DomainProblem problem)
    {
        var status = problem.Kind switch
        {
            ProblemKind.Validation => StatusCodes.Status400BadRequest,
            ProblemKind.NotFound => StatusCodes.Status404NotFound,
            ProblemKind.Conflict => StatusCodes.Status409Conflict,
            ProblemKind.Forbidden => StatusCodes.Status403Forbidden,
            ProblemKind.Unauthorized => StatusCodes.Status401Unauthorized,
            ProblemKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status500InternalServerError,
        };
        var extensions = problem.Errors is null ? null : new Dictionary<string, object?> { ["errors"] = problem.Errors };
        if (problem.Shortfall is { } shortfall)
        {
            extensions ??= [];
            extensions["shortfall"] = shortfall;
        }

        return TypedResults.Problem(problem.Detail, statusCode: status, title: problem.Title, extensions: extensions);
    }

    /// <summary>200 with the value, or the problem the domain refused with.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Reply<T>(Outcome<T> outcome) => outcome.IsOk ? TypedResults.Ok(outcome.Value!) : outcome.Problem!.ToProblem();

    public static async Task<Results<Ok<T>, ProblemHttpResult>> Reply<T>(Task<Outcome<T>> outcome) => Reply(await outcome);

    /// <summary>200 with the record read, or 404 naming what was not found.</summary>
    public static async Task<Results<Ok<T>, ProblemHttpResult>> Found<T>(Task<T?> read, string what, string id) where T : class
        => await read is { } value ? TypedResults.Ok(value) : new DomainProblem(ProblemKind.NotFound, $"No such {what}.", $"There is no {what} '{id}'.").ToProblem();

    /// <summary>A 400 with per-field errors, for requests refused before they reach a grain.</summary>
    public static ProblemHttpResult Invalid(string field, string message) => DomainProblem.Invalid(field, message).ToProblem();
}
