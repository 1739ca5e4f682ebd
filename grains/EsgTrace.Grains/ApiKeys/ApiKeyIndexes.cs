namespace EsgTrace.ApiKeys;

/// <summary>Where API keys are listed (index "apikeys", one partition), so the directory pages through them without loading every key.</summary>
public static class ApiKeyIndexes
{
    public const string ApiKeys = "apikeys";
    public const string AllPartition = "all";
}
