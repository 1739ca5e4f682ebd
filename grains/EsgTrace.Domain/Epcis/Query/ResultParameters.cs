namespace EsgTrace.Epcis.Query;

/// <summary>orderBy, orderDirection, eventCountLimit, maxEventCount and the REST binding's perPage and nextPageToken.</summary>
public sealed class ResultParameters : QueryParameterFamily
{
    private static readonly string[] Names = ["orderBy", "orderDirection", "eventCountLimit", "maxEventCount", "perPage", "nextPageToken"];

    public override string Describe => string.Join(", ", Names);

    public override bool Claims(string name) => Names.Contains(name, StringComparer.Ordinal);

    public override string? Read(QueryParameter parameter, QueryDraft draft)
    {
        switch (parameter.Name)
        {
            case "orderBy":
                {
                    var (by, error) = parameter.Single();
                    if (error is not null)
                    {
                        return error;
                    }

                    if (by is EpcisOrder.EventTime or EpcisOrder.RecordTime)
                    {
                        draft.Order = new EpcisOrder(by, null, true);
                        return null;
                    }

                    var field = ExtensionFieldName.Parse(by);
                    if (field is null)
                    {
                        return $"'orderBy' is eventTime, recordTime or the fully qualified name of an extension field (namespace#name, or prefix:name); '{by}' is none.";
                    }

                    draft.Order = new EpcisOrder(by, field, true);
                    return null;
                }

            case "orderDirection":
                {
                    var (direction, error) = parameter.Single();
                    if (error is not null || direction is not ("ASC" or "DESC"))
                    {
                        return error ?? $"'orderDirection' is ASC or DESC; '{direction}' is neither.";
                    }

                    draft.Descending = direction == "DESC";
                    return null;
                }

            case "eventCountLimit" or "maxEventCount":
                {
                    var (n, error) = parameter.Integer(0, int.MaxValue);
                    if (parameter.Name == "eventCountLimit")
                    {
                        draft.EventCountLimit = n;
                    }
                    else
                    {
                        draft.MaxEventCount = n;
                    }

                    return error;
                }

            case "perPage":
                {
                    var (n, error) = parameter.Integer(1, EpcisQuery.MaxPerPage);
                    draft.PerPage = n;
                    return error;
                }

            default:
                {
                    var (token, error) = parameter.Single();
                    if (error is null && EpcisPageToken.Decode(token) is null && EpcisPageToken.DecodeOffset(token) is null)
                    {
                        error = "'nextPageToken' is not a token this repository issued; start again without it.";
                    }

                    draft.NextPageToken = token;
                    return error;
                }
        }
    }
}
