using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace EsgTrace.Portal.Tests.Observability;

/// <summary>The pages' assets come fingerprinted, cached for a year and compressed when asked, from the test host's build as from ./run.sh.</summary>
public sealed partial class StaticAssetsTests(ObservabilityFixture portal) : IClassFixture<ObservabilityFixture>
{
    [Theory]
    [InlineData("_framework/blazor.web.", "br")]
    [InlineData("_framework/blazor.web.", "gzip")]
    [InlineData("app.", "br")]
    public async Task FingerprintedAssets_AreCompressedAndImmutable(string prefix, string encoding)
    {
        var url = await AssetUrlAsync(prefix);
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = portal.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);

        using var response = await http.SendAsync(request);
        var plain = await (await portal.Host.CreateApiClient().GetAsync(url)).Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length < plain.Length / 2, "the compressed asset is not smaller than half the plain one");
    }

    [Fact]
    public async Task MudBlazorAssets_AreServedFingerprinted_Immutable_AndCompressed()
    {
        var html = await portal.Host.CreateApiClient().GetStringAsync("/account/login");
        var urls = AssetReference().Matches(html).Select(m => m.Groups[1].Value).Where(u => u.StartsWith("_content/MudBlazor/", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, urls.Count);
        foreach (var url in urls)
        {
            Assert.Matches(@"\.[a-z0-9]{10}\.(js|css)$", url);
            using var client = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = portal.Host.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + url);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
            var compressed = await response.Content.ReadAsByteArrayAsync();
            using var plain = await portal.Host.CreateApiClient().GetAsync("/" + url);
            var original = await plain.Content.ReadAsByteArrayAsync();
            Assert.True(compressed.Length * 2 < original.Length, $"{url}: {compressed.Length} bytes compressed of {original.Length}");
            using var decoded = new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
            using var back = new MemoryStream();
            await decoded.CopyToAsync(back);
            Assert.Equal(original, back.ToArray());
        }
    }

    // The sign-in page names every asset the portal's pages load, each by its fingerprinted URL.
    private async Task<string> AssetUrlAsync(string prefix)
    {
        var html = await portal.Host.CreateApiClient().GetStringAsync("/account/login");
        var match = AssetReference().Matches(html).Select(m => m.Groups[1].Value).FirstOrDefault(u => u.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(match is not null, $"no asset starting with {prefix} on the sign-in page");
        Assert.Matches(@"\.[a-z0-9]{10}\.(js|css)$", match);
        return "/" + match;
    }

    [GeneratedRegex("(?:href|src)=\"([^\"]+\\.(?:css|js))\"")]
    private static partial Regex AssetReference();
}
