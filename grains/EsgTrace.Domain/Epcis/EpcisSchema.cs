using System.Text.Json;
using EsgTrace.Epcis.Schema;

namespace EsgTrace.Epcis;

/// <summary>The GS1 EPCIS 2.0 JSON schema (embedded, see Data/PROVENANCE.md), compiled once.</summary>
public static class EpcisSchema
{
    private static readonly Lazy<JsonSchemaValidator> Validator = new(() =>
    {
        using var stream = typeof(EpcisSchema).Assembly.GetManifestResourceStream("EsgTrace.Epcis.EPCIS-JSON-Schema.json")
            ?? throw new InvalidOperationException("The EPCIS schema resource is missing.");
        using var doc = JsonDocument.Parse(stream);
        return JsonSchemaValidator.Load(doc.RootElement);
    });

    /// <summary>Schema failures of a document (empty when valid), each with a JSON pointer.</summary>
    public static IReadOnlyList<SchemaError> Validate(JsonElement document, int maxErrors = 50) => Validator.Value.Validate(document, maxErrors);
}
