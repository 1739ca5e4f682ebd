using EsgTrace.Accounts;
using EsgTrace.ApiKeys;
using EsgTrace.Domain;
using Xunit;

namespace EsgTrace.Grains.Tests.ApiKeys;

[Collection(ClusterCollection.Name)]
public sealed class ApiKeyGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Issue_ThenAuthenticate_WithTheSecretOnly_UntilRevoked()
    {
        var token = ApiKeyToken.New();
        var grain = fixture.Grains.GetGrain<IApiKeyGrain>(token.KeyId);

        var issued = await grain.Issue(new IssueApiKey("ERP connector", Role.SupplyChain, "admin"), token.ToString());
        var wrong = await grain.Authenticate(ApiKeyToken.New().Secret);
        var right = await grain.Authenticate(token.Secret);
        await grain.Revoke("admin");
        var afterRevoke = await grain.Authenticate(token.Secret);

        Assert.True(issued.IsOk);
        Assert.Equal(token.ToString(), issued.Value!.Token);
        Assert.Null(wrong);
        Assert.Equal(Role.SupplyChain, right!.Role);
        Assert.Null(afterRevoke);
        Assert.True((await grain.Get())!.Revoked);
    }

    [Fact]
    public async Task Issue_WithATokenOfAnotherKeyId_IsRefused()
    {
        var grain = fixture.Grains.GetGrain<IApiKeyGrain>(ApiKeyToken.New().KeyId);

        var outcome = await grain.Issue(new IssueApiKey("x", Role.It, "admin"), ApiKeyToken.New().ToString());

        Assert.Equal(ProblemKind.Validation, outcome.Problem!.Kind);
        Assert.Null(await grain.Get());
    }

    [Fact]
    public async Task Directory_ListsKeys_WithoutSecrets()
    {
        var token = ApiKeyToken.New();
        await fixture.Grains.GetGrain<IApiKeyGrain>(token.KeyId).Issue(new IssueApiKey("Billing export", Role.It, "admin"), token.ToString());

        var page = await fixture.Grains.GetGrain<IDirectoryGrain>(0).ListApiKeys(null, 500);

        var listed = Assert.Single(page.Items, k => k.KeyId == token.KeyId);
        Assert.Equal("Billing export", listed.Name);
        Assert.DoesNotContain(token.Secret, System.Text.Json.JsonSerializer.Serialize(page));
    }
}
