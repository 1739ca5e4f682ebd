using System.Text.Json;
using EsgTrace.Time;

namespace EsgTrace.Domain;

/// <summary>Structural equality for command inputs holding lists (records compare lists by reference), used for idempotent retries.</summary>
public static class SameContent
{
    public static bool Of<T>(T a, T b) => JsonSerializer.Serialize(a, EsgJson.Options) == JsonSerializer.Serialize(b, EsgJson.Options);
}
