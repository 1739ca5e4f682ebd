using System.Text.Json;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>One operation of the OpenAPI document: a method on a path template, its parameters and its request body.</summary>
public sealed record ApiOperation(string Method, string PathTemplate, IReadOnlyList<ApiParameter> Parameters, ApiRequestBody? Body)
{
    /// <summary>"PUT /api/suppliers/{id}", the key the report and the coverage check use.</summary>
    public string Key => $"{Method} {PathTemplate}";

    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public override string ToString() => Key;
}

/// <summary>A path or query parameter, with its schema ($refs resolved on use).</summary>
public sealed record ApiParameter(string Name, string In, bool Required, JsonElement Schema);

/// <summary>The body an operation declares: its media types (the first is the one to send) and the schema of each.</summary>
public sealed record ApiRequestBody(IReadOnlyList<string> MediaTypes, JsonElement? Schema, bool Required);
