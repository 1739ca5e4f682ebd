namespace EsgTrace.Epcis.Query;

/// <summary>
/// The parameters that need master data (WD_bizLocation, WD_readPoint, EQATTR_fieldname_attrname, HASATTR_fieldname), read by
/// <see cref="MasterDataQueryParameters"/> into conditions the repository resolves against master data once per query.
/// </summary>
public sealed class MasterDataParameters : QueryParameterFamily
{
    public override string Describe => "WD_bizLocation, WD_readPoint, EQATTR_{field}_{attribute}, HASATTR_{field}";

    public override bool Claims(string name) => MasterDataQueryParameters.Handles(name);

    public override string? Read(QueryParameter parameter, QueryDraft draft)
    {
        var (condition, error) = MasterDataQueryParameters.Read(parameter.Name, parameter.Raw);
        if (condition is not null)
        {
            draft.MasterData.Add(condition);
        }

        return error;
    }
}
