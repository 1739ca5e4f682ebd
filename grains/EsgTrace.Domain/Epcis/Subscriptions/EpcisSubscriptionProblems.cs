namespace EsgTrace.Epcis;

/// <summary>The EPCIS exceptions of named queries and subscriptions (REST binding: 400 SubscriptionControlsException).</summary>
public static class EpcisSubscriptionProblems
{
    public const string SubscriptionControls = "epcisException:SubscriptionControlsException";

    public static EpcisProblem Controls(string detail, string? pointer = null) => new(SubscriptionControls, "The subscription is not valid.", detail, pointer);

    public static EpcisProblem Query(string detail, string? pointer = null) => new(EpcisProblem.QueryParameter, "The query is not valid.", detail, pointer);

    public static EpcisProblem NoSuchQuery(string name) => new(EpcisProblem.NoSuchResource, "No such query.", $"There is no named query '{name}'.", null, 404);

    public static EpcisProblem NoSuchSubscription(string name, string id) => new(EpcisProblem.NoSuchResource, "No such subscription.", $"Query '{name}' has no subscription '{id}'.", null, 404);
}
