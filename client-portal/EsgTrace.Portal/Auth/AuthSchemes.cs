namespace EsgTrace.Portal.Auth;

/// <summary>Authentication scheme names.</summary>
public static class AuthSchemes
{
    /// <summary>Picks <see cref="ApiKey"/> when the request carries a key, else <see cref="Cookie"/>.</summary>
    public const string Smart = "esgtrace";
    public const string Cookie = "cookie";
    public const string ApiKey = "apikey";
    public const string PactBearer = "pact-bearer";

    /// <summary>The header machine clients send their key in (also accepted: "Authorization: ApiKey &lt;key&gt;").</summary>
    public const string ApiKeyHeader = "X-Api-Key";
}
