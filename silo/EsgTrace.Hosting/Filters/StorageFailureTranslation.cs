using EsgTrace.Hosting.Azure;
using EsgTrace.Storage;
using Orleans;

namespace EsgTrace.Hosting.Filters;

/// <summary>
/// A grain call that fails because Azure Storage did not answer (an Azure SDK failure that reached the grain, e.g. from a
/// storage provider) leaves the silo as <see cref="StorageUnavailableException"/>, a contract type: clients then answer
/// 503 + Retry-After without knowing the Azure SDK. Everything else passes through unchanged.
/// </summary>
public sealed class StorageFailureTranslation : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is not StorageUnavailableException && AzureFailures.IsUnavailable(ex))
        {
            throw new StorageUnavailableException($"Azure Storage did not answer: {ex.Message}", ex);
        }
    }
}
