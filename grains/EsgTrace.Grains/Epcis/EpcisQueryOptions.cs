namespace EsgTrace.Epcis;

/// <summary>Limits of the EPCIS query interface (section "Epcis:Query").</summary>
public sealed class EpcisQueryOptions
{
    public const string Section = "Epcis:Query";

    /// <summary>Stored events one query page may examine before the query is refused with QueryTooLargeException.</summary>
    public int ScanLimit { get; set; } = EpcisStore.ScanLimit;
}
