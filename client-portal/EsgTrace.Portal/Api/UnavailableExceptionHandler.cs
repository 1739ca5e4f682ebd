using EsgTrace.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Runtime;

namespace EsgTrace.Portal.Api;

/// <summary>
/// Failures that are about availability, not about the request, become 503 problem details with Retry-After: storage that
/// did not answer, a silo that died mid-call, a call that timed out. The write's outcome is then unknown, and every write
/// of the API is keyed by a client id, so the client retries the same request and gets the same answer. Requests the
/// server could not read (bad JSON, too large) get their 400/413 as problem details. Anything else stays a 500.
/// </summary>
public sealed partial class UnavailableExceptionHandler(IProblemDetailsService problems, IEnumerable<IStorageFailureClassifier> storage, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            return await WriteAsync(context, exception, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large." : "Unreadable request.", bad.Message);
        }

        if (!IsUnavailable(exception, storage))
        {
            return false;
        }

        LogUnavailable(context.Request.Method, context.Request.Path, exception.GetType().Name, exception.Message);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await WriteAsync(
            context,
            exception,
            StatusCodes.Status503ServiceUnavailable,
            "Service temporarily unavailable.",
            "The platform could not reach its storage or the cluster node that holds this record, so it cannot say whether a write took effect. Send the same request again (same id) after the Retry-After delay: a write that did take effect is not made twice.");
    }

    /// <summary>Whether the failure (or one it wraps) is a passing unavailability rather than a fault in the request or the code.</summary>
    public static bool IsUnavailable(Exception exception, IEnumerable<IStorageFailureClassifier> storage)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException or SiloUnavailableException or OrleansMessageRejectionException or TimeoutException
                or Orleans.Runtime.Messaging.ConnectionFailedException or ClientNotAvailableException
                || storage.Any(s => s.IsUnavailable(e)))
            {
                return true;
            }
        }

        return false;
    }

    private async ValueTask<bool> WriteAsync(HttpContext context, Exception exception, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Exception}: {Message}")]
    private partial void LogUnavailable(string method, string path, string exception, string message);
}
