namespace EsgTrace.Domain;

/// <summary>The result of a command: its value, or the problem that made it refuse.</summary>
[GenerateSerializer, Immutable, Alias("esg.outcome`1")]
public sealed record Outcome<T>([property: Id(0)] T? Value, [property: Id(1)] DomainProblem? Problem)
{
    public bool IsOk => Problem is null;

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(DomainProblem problem) => new(default, problem);

    public static implicit operator Outcome<T>(DomainProblem problem) => Fail(problem);
}
