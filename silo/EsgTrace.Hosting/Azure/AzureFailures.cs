using Azure;

namespace EsgTrace.Hosting.Azure;

/// <summary>
/// Which Azure SDK failures mean "storage is not answering" (the request may or may not have taken effect) rather than a
/// refusal: no response at all (status 0), timeouts, throttling, server errors, network errors, and the AggregateException
/// the SDK throws when every retry failed so.
/// </summary>
public static class AzureFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsUnavailable),
        _ => false,
    };
}
