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
            _ => StatusCodes.Status500InternalServerError,
        };
        var extensions = problem.Errors is null ? null : new Dictionary<string, object?> { ["errors"] = problem.Errors };
        return TypedResults.Problem(problem.Detail, statusCode: status, title: problem.Title, extensions: extensions);
    }

    /// <summary>A 400 with per-field errors, for requests refused before they reach a grain.</summary>
    public static ProblemHttpResult Invalid(string field, string message) => DomainProblem.Invalid(field, message).ToProblem();
}
