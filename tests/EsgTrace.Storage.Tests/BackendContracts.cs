using EsgTrace.Testing;
using Xunit;

namespace EsgTrace.Storage.Tests;

/// <summary>The storage contract on the embedded backend: SQLite + files in a temporary folder.</summary>
public sealed class SqliteStorageContractTests : StorageContract
{
    protected override Task<StorageBackend> OpenAsync() => Task.FromResult<StorageBackend>(new SqliteBackend(new TempDirectory(), ownsDirectory: true));

    protected override bool AtomicAcrossPartitions => true;
}

/// <summary>The storage contract on Azure Storage, against a real Azurite started for this collection.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageContractTests(AzuriteFixture azurite) : StorageContract
{
    protected override Task<StorageBackend> OpenAsync() => Task.FromResult<StorageBackend>(new AzureBackend(azurite.ConnectionString, AzuriteFixture.UniquePrefix()));

    protected override bool AtomicAcrossPartitions => false;
}
