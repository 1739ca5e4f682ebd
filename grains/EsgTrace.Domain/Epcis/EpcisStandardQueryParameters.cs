namespace EsgTrace.Epcis;

/// <summary>
/// Names of the EPCIS 2.0 query parameters (REST binding, openapi.yaml) this repository does not implement yet, so a
/// refusal can say "standard but unsupported" rather than "unknown"; either way it is a QueryParameterException, never a
/// silently ignored filter.
/// </summary>
public static class EpcisStandardQueryParameters
{
    private static readonly string[] Names =
    [
        "EQ_action", "EQ_persistentDisposition_set", "EQ_persistentDisposition_unset",
        "EQ_transformationID", "MATCH_inputEPCClass", "MATCH_outputEPCClass", "EQ_quantity", "GT_quantity", "GE_quantity",
        "LT_quantity", "LE_quantity", "GE_errorDeclarationTime", "LT_errorDeclarationTime", "EQ_errorReason",
        "EQ_correctiveEventID", "orderBy", "orderDirection", "eventCountLimit", "maxEventCount", "GE_startTime", "LT_startTime",
        "GE_endTime", "LT_endTime", "EQ_type", "EQ_deviceID", "EQ_dataProcessingMethod", "EQ_microorganism",
        "EQ_chemicalSubstance", "EQ_bizRules", "EQ_stringValue", "EQ_hexBinaryValue", "EQ_uriValue", "EQ_booleanValue",
        "EQ_value", "GT_value", "GE_value", "LT_value", "LE_value", "EQ_sensorMetadata", "EQ_sensorReport",
    ];

    /// <summary>Families of names built from a field name (EQ_ILMD_…, EXISTS_…, HASATTR_…, EQATTR_…, EQ_INNER_…).</summary>
    private static readonly string[] Prefixes =
    [
        "EQ_ILMD_", "GT_ILMD_", "GE_ILMD_", "LT_ILMD_", "LE_ILMD_", "EXISTS_ILMD_", "EQ_INNER_", "GT_INNER_", "GE_INNER_",
        "LT_INNER_", "LE_INNER_", "EXISTS_INNER_", "EQ_source_", "EQ_destination_", "EXISTS_", "HASATTR_", "EQATTR_",
        "EQ_INNER_ILMD_", "EQ_SENSORELEMENT_", "EQ_SENSORMETADATA_", "EQ_SENSORREPORT_", "EXISTS_SENSORELEMENT_",
    ];

    public static bool IsStandard(string name)
        => Names.Contains(name, StringComparer.Ordinal) || Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
