namespace EsgTrace.Epcis.Query;

/// <summary>EXISTS_errorDeclaration, EXISTS_sensorElementList: the event has the standard field (a non-empty list, for a list).</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-q-exists")]
public sealed record ExistsCriterion(string Field) : EpcisCriterion
{
    public static readonly string[] Fields = ["errorDeclaration", "sensorElementList"];

    public override bool Matches(EpcisEventView e)
        => e.Json.TryGetProperty(Field, out var v) && v.ValueKind is not System.Text.Json.JsonValueKind.Null && (v.ValueKind != System.Text.Json.JsonValueKind.Array || v.GetArrayLength() > 0);

    public override EpcisIndexTerms? IndexTerms => Field == "errorDeclaration" ? new(EpcisTerms.Error, ["declared"], 50) : null;
}
