using System.Text.Json;
using EsgTrace.Epcis.Hashing;

namespace EsgTrace.Epcis.Query;

/// <summary>The standard sensor fields a query compares: metadata times, identifiers of devices and methods, report type and values.</summary>
public enum SensorField
{
    Time,
    StartTime,
    EndTime,
    DeviceId,
    DeviceMetadata,
    RawData,
    DataProcessingMethod,
    BizRules,
    Type,
    Microorganism,
    ChemicalSubstance,
    StringValue,
    BooleanValue,
    HexBinaryValue,
    UriValue,
    Value,
    MinValue,
    MaxValue,
    MeanValue,
    SDev,
    PercRank,
    PercValue,
}

/// <summary>
/// The sensor parameters of EPCIS 2.0: GE_/LT_time, startTime, endTime (sensorMetadata; time also on a report),
/// EQ_deviceID, EQ_deviceMetadata, EQ_rawData, EQ_dataProcessingMethod (metadata or report), EQ_bizRules (metadata),
/// EQ_type, EQ_microorganism, EQ_chemicalSubstance, EQ_stringValue, EQ_booleanValue, EQ_hexBinaryValue, EQ_uriValue, and
/// EQ_/GT_/GE_/LT_/LE_ on value, minValue, maxValue, meanValue, sDev, percValue (each optionally _{uom}: the report's
/// value converted from its own uom, <see cref="SensorUnits"/>) and percRank. Some sensor element of the event meets it.
/// </summary>
[GenerateSerializer, Immutable, Alias("esg.epcis-q-sensor")]
public sealed record SensorFieldCriterion(SensorField Field, Comparison Op, IReadOnlyList<QueryValue> Values, string? Uom) : EpcisCriterion
{
    public static readonly IReadOnlyDictionary<string, SensorField> Names = Enum.GetValues<SensorField>()
        .ToDictionary(f => f switch { SensorField.DeviceId => "deviceID", SensorField.SDev => "sDev", _ => char.ToLowerInvariant(f.ToString()[0]) + f.ToString()[1..] }, f => f, StringComparer.Ordinal);

    public bool IsTime => Field is SensorField.Time or SensorField.StartTime or SensorField.EndTime;

    public bool IsNumber => Field >= SensorField.Value;

    public bool IsIdentifier => IsIdentifierField(Field);

    public static bool IsIdentifierField(SensorField field) => field is SensorField.DeviceId or SensorField.DeviceMetadata or SensorField.RawData
        or SensorField.DataProcessingMethod or SensorField.BizRules or SensorField.Microorganism or SensorField.ChemicalSubstance or SensorField.UriValue;

    /// <summary>A query value in the form report values are compared in (identifiers canonical, types as web URIs).</summary>
    public static string Normalise(SensorField field, string value) => field switch
    {
        SensorField.Type => CbvVocabulary.Term(value, CbvVocabulary.Base.MeasurementType, JsonLdScope.Standard),
        SensorField.HexBinaryValue => value.Trim().ToUpperInvariant(),
        _ when IsIdentifierField(field) => EpcisTerms.Identifier(value),
        _ => value.Trim(),
    };

    public override bool Matches(EpcisEventView e)
    {
        var name = Names.First(n => n.Value == Field).Key;
        var inMetadata = Field is SensorField.Time or SensorField.StartTime or SensorField.EndTime or SensorField.DeviceId or SensorField.DeviceMetadata
            or SensorField.RawData or SensorField.DataProcessingMethod or SensorField.BizRules;
        var inReport = Field is not (SensorField.StartTime or SensorField.EndTime or SensorField.BizRules);
        foreach (var (element, _) in SensorNodes.Of(e.Json, reports: false))
        {
            var scope = e.Scope.Enter(element);
            if (inMetadata && element.TryGetProperty("sensorMetadata", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty(name, out var mv) && Test(mv, null, scope))
            {
                return true;
            }
        }

        if (inReport)
        {
            foreach (var (element, report) in SensorNodes.Of(e.Json, reports: true))
            {
                if (report!.Value.TryGetProperty(name, out var rv) && Test(rv, EpcisTerms.Text(report.Value, "uom"), e.Scope.Enter(element)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool Test(JsonElement value, string? uom, JsonLdScope scope)
    {
        if (IsNumber)
        {
            if (!value.TryGetDecimal(out var d) || (Uom is not null ? SensorUnits.Convert(d, uom, Uom) : d) is not { } v)
            {
                return false;
            }

            return Op == Comparison.Eq ? Values.Any(q => q.Number == v) : Op.Holds(v.CompareTo(Values[0].Number!.Value));
        }

        if (IsTime)
        {
            return value.ValueKind == JsonValueKind.String && QueryValue.TimeOf(value.GetString()!) is { } t
                && (Op == Comparison.Eq ? Values.Any(q => q.Time == t) : Op.Holds(t.CompareTo(Values[0].Time!.Value)));
        }

        if (Field == SensorField.BooleanValue)
        {
            return value.ValueKind is JsonValueKind.True or JsonValueKind.False && Values.Any(q => q.CompareFrom(value) == 0);
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        var s = value.GetString()!;
        var normalised = Field == SensorField.Type ? CbvVocabulary.Term(s, CbvVocabulary.Base.MeasurementType, scope) : Normalise(Field, s);
        return Values.Any(q => q.Text == normalised);
    }
}
