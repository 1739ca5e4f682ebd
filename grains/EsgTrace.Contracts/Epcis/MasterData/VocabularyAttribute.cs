using System.Globalization;
using System.Text.Json;

namespace EsgTrace.Epcis;

/// <summary>
/// One attribute of a vocabulary element: its id (an absolute URI, CURIEs expanded when captured) and its value as the JSON
/// it was sent as (a string, a number or an object; null when the attribute was sent without a value).
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.vocabulary-attribute")]
public sealed record VocabularyAttribute(string Id, string? Json)
{
    /// <summary>The value as text when it is a string or a number (what EQATTR_ compares and pages show); null otherwise.</summary>
    public string? Text
    {
        get
        {
            if (Json is null)
            {
                return null;
            }

            using var doc = JsonDocument.Parse(Json);
            return doc.RootElement.ValueKind switch
            {
                JsonValueKind.String => doc.RootElement.GetString(),
                JsonValueKind.Number => doc.RootElement.GetRawText(),
                _ => null,
            };
        }
    }

    /// <summary>Whether the attribute has a value (HASATTR_ counts only non-null attributes).</summary>
    public bool HasValue => Json is not null && Json != "null";

    /// <summary>EQATTR_ equality: the same text, or the same number however written (12 and 12.0).</summary>
    public bool ValueEquals(string wanted)
    {
        var text = Text;
        if (text is null)
        {
            return false;
        }

        if (string.Equals(text, wanted, StringComparison.Ordinal))
        {
            return true;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(wanted, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
            && a == b;
    }
}
