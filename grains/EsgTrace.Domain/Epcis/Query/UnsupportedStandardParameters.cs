namespace EsgTrace.Epcis.Query;

/// <summary>
/// Standard parameters this repository does not answer yet (<see cref="EpcisStandardQueryParameters"/>): claimed so the
/// refusal says "standard but unsupported" rather than "unknown"; either way a QueryParameterException, never ignored.
/// </summary>
public sealed class UnsupportedStandardParameters : QueryParameterFamily
{
    public override string Describe => string.Empty;

    public override bool Claims(string name) => EpcisStandardQueryParameters.IsStandard(name);

    public override string? Read(QueryParameter parameter, QueryDraft draft)
        => $"'{parameter.Name}' is a standard EPCIS 2.0 query parameter this repository does not support yet; it is refused rather than ignored.";
}
