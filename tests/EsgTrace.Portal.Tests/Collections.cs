using Xunit;

namespace EsgTrace.Portal.Tests;

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "portal";
}
