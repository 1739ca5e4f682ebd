using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>
/// Collects the exceptions the portal logs (the exception handler logs every unhandled one), so a 5xx in the fuzz report
/// names its exception and the first frame in EsgTrace code.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The exceptions logged since the last call, each as type, message and first EsgTrace frame.</summary>
    public IReadOnlyList<string> Drain()
    {
        var errors = new List<string>();
        while (_errors.TryDequeue(out var error))
        {
            errors.Add(error);
        }

        return errors;
    }

    public void Dispose()
    {
    }

    private static string Describe(string category, Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        var frame = (innermost.StackTrace ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at EsgTrace.", StringComparison.Ordinal))
                    ?? (innermost.StackTrace ?? "").Split('\n').FirstOrDefault()?.Trim() ?? "(no stack trace)";
        return $"{innermost.GetType().FullName}: {innermost.Message} — {frame} (logged by {category})";
    }

    private sealed class Logger(ServerErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                log._errors.Enqueue(Describe(category, exception));
            }
        }
    }
}
