using Azure;
using EsgTrace.Hosting.Azure;
using EsgTrace.Portal.Api;
using EsgTrace.Storage;
using Xunit;

namespace EsgTrace.Portal.Tests.Api;

/// <summary>
/// Which failures the API answers 503 (outcome unknown, retry) rather than 500. A grain whose state cannot be read from
/// Azure fails at activation, outside any grain call filter, so the portal receives Orleans' wrapper around the SDK's
/// exhausted retries (as seen when Azurite was stopped under a silo); the classifier the hosting registers recognises it.
/// </summary>
public sealed class UnavailableClassificationTests
{
    private static Exception ActivationReadFailure()
        => new Orleans.Runtime.OrleansException(
            "Error from storage provider AzureTableGrainStorage.lot during ReadStateAsync for grain materiallot/o-F",
            new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "Connection refused (127.0.0.1:37289)"), new RequestFailedException(0, "Connection refused (127.0.0.1:37289)")));

    [Fact]
    public void An_Azure_read_failure_at_activation_is_unavailable_with_the_Azure_classifier()
        => Assert.True(UnavailableExceptionHandler.IsUnavailable(ActivationReadFailure(), [new AzureFailureClassifier()]));

    [Fact]
    public void Without_a_classifier_it_is_not_recognised()
        => Assert.False(UnavailableExceptionHandler.IsUnavailable(ActivationReadFailure(), []));

    [Fact]
    public void A_refusal_from_Azure_stays_a_fault()
        => Assert.False(UnavailableExceptionHandler.IsUnavailable(new Orleans.Runtime.OrleansException("write", new RequestFailedException(409, "Conflict")), [new AzureFailureClassifier()]));

    [Fact]
    public void Our_own_unavailability_needs_no_classifier()
        => Assert.True(UnavailableExceptionHandler.IsUnavailable(new StorageUnavailableException("no answer"), []));
}
