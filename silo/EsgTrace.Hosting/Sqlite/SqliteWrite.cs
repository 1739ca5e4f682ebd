using Microsoft.Data.Sqlite;

namespace EsgTrace.Hosting.Sqlite;

/// <summary>One queued write: runs inside the writer's transaction, under its own savepoint, and completes when the commit is durable.</summary>
internal sealed class SqliteWrite(Func<SqliteConnection, string?> apply)
{
    private readonly TaskCompletionSource<string?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string?> Completion => _completion.Task;

    /// <summary>Set when <see cref="Apply"/> failed; the savepoint was rolled back and the failure is reported after the commit.</summary>
    public Exception? Failure { get; private set; }

    public string? Result { get; private set; }

    public void Apply(SqliteConnection connection)
    {
        try
        {
            Result = apply(connection);
        }
        catch (Exception ex)
        {
            Failure = ex;
        }
    }

    public void Complete()
    {
        if (Failure is null)
        {
            _completion.TrySetResult(Result);
        }
        else
        {
            _completion.TrySetException(Failure);
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
