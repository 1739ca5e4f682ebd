using EsgTrace.Storage;

namespace EsgTrace.Hosting.Azure;

/// <summary>The Azure SDK's "no answer" failures (<see cref="AzureFailures"/>) as a <see cref="IStorageFailureClassifier"/>.</summary>
public sealed class AzureFailureClassifier : IStorageFailureClassifier
{
    public bool IsUnavailable(Exception exception) => AzureFailures.IsUnavailable(exception);
}
