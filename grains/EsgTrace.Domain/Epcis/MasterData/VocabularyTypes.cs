namespace EsgTrace.Epcis;

/// <summary>
/// The EPCIS 2.0 vocabulary types (standard section 6; CBV 2.0) master data is kept for, and the canonical form of an
/// element id of each, which is the form events are indexed by: business steps and dispositions as CBV web URIs, every
/// other id as <see cref="EpcisTerms.Identifier"/> gives it (GS1 keys as canonical Digital Links, other URIs unchanged).
/// </summary>
public static class VocabularyTypes
{
    public const string BusinessLocation = "urn:epcglobal:epcis:vtype:BusinessLocation";
    public const string ReadPoint = "urn:epcglobal:epcis:vtype:ReadPoint";
    public const string BusinessStep = "urn:epcglobal:epcis:vtype:BusinessStep";
    public const string Disposition = "urn:epcglobal:epcis:vtype:Disposition";
    public const string EpcClass = "urn:epcglobal:epcis:vtype:EPCClass";
    public const string SourceDest = "urn:epcglobal:epcis:vtype:SourceDest";

    public static string Canonical(string type, string id) => type switch
    {
        BusinessStep => EpcisTerms.BizStepValue(id),
        Disposition => EpcisTerms.DispositionValue(id),
        _ => EpcisTerms.Identifier(id),
    };
}
