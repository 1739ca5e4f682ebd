using Azure.Core;

namespace EsgTrace.Hosting.Azure;

/// <summary>
/// How to reach Azure Storage. Shaped like Orleans' AzureTableStorageOptions / AzureBlobStorageOptions (a connection string,
/// or service URIs with a credential, plus table/container names) so the official provider can replace ours later.
/// </summary>
public sealed class AzureStorageOptions
{
    /// <summary>A storage connection string (also Azurite's). Takes precedence over the service URIs.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Table service endpoint, e.g. https://account.table.core.windows.net (may carry a SAS token).</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Blob service endpoint, e.g. https://account.blob.core.windows.net (may carry a SAS token).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>A token credential for the service URIs (set in code; Azure.Identity is the usual source).</summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>Prefix of every table and blob container name, so several deployments can share an account.</summary>
    public string TablePrefix { get; set; } = "esgtrace";

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (TableServiceUri is null || BlobServiceUri is null))
        {
            throw new InvalidOperationException("Azure Storage needs Storage:Azure:ConnectionString, or both Storage:Azure:TableServiceUri and Storage:Azure:BlobServiceUri.");
        }

        if (TablePrefix.Length is 0 or > 20 || !char.IsAsciiLetterLower(TablePrefix[0]) || !TablePrefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            throw new InvalidOperationException($"Storage:Azure:TablePrefix '{TablePrefix}' must be 1-20 lowercase ASCII letters and digits, starting with a letter.");
        }
    }
}
