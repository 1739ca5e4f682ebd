namespace EsgTrace.Domain;

/// <summary>A page of a listing; <see cref="NextAfterKey"/> continues it, null at the end.</summary>
[GenerateSerializer, Immutable, Alias("esg.page`1")]
public sealed record Page<T>([property: Id(0)] IReadOnlyList<T> Items, [property: Id(1)] string? NextAfterKey);
