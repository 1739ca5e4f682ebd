namespace EsgTrace.Pact;

/// <summary>PACT Technical Specifications v3.0: the version we publish, the CloudEvents types of Action Events, and its media type.</summary>
public static class PactV3
{
    public const string SpecVersion = "3.0.0";

    public const string RequestCreated = "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3";

    public const string RequestFulfilled = "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3";

    public const string RequestRejected = "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3";

    public const string Published = "org.wbcsd.pact.ProductFootprint.PublishedEvent.3";

    /// <summary>Structured-mode CloudEvents (what /3/events takes and what we send).</summary>
    public const string CloudEventsMediaType = "application/cloudevents+json";

    /// <summary>The error codes of the v3 Error object.</summary>
    public static readonly string[] ErrorCodes = ["BadRequest", "AccessDenied", "TokenExpired", "NotFound", "InternalError", "NotImplemented"];

    /// <summary>How long a data owner keeps retrying a response event (the specification: no more than 3 days).</summary>
    public static readonly TimeSpan RetryHorizon = TimeSpan.FromHours(72);
}
