namespace EsgTrace.Epcis.Query;

/// <summary>
/// Every family of query parameters the repository reads, in the order they are tried (fixed names before the families
/// built from field names, the unsupported standard names last). The extension point: a new family is one class and
/// one line here, with its names taken off <see cref="EpcisStandardQueryParameters"/>.
/// </summary>
public static class EpcisQueryParameterFamilies
{
    public static readonly IReadOnlyList<QueryParameterFamily> All =
    [
        new ResultParameters(),
        new EventParameters(),
        new EpcMatchParameters(),
        new MasterDataParameters(),
        new QuantityParameters(),
        new SensorParameters(),
        new TypedListParameters(),
        new ExtensionFieldParameters(),
        new UnsupportedStandardParameters(),
    ];
}
