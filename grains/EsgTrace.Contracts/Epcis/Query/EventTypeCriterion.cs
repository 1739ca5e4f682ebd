namespace EsgTrace.Epcis.Query;

/// <summary>eventType: the event's type is one of these.</summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-q-eventtype")]
public sealed record EventTypeCriterion(IReadOnlyList<string> Types) : EpcisCriterion
{
    public static readonly string[] Standard = ["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"];

    public override bool Matches(EpcisEventView e) => Types.Contains(EpcisTerms.Text(e.Json, "type") ?? string.Empty);

    public override EpcisIndexTerms IndexTerms => new(EpcisTerms.Type, Types, 90);
}
