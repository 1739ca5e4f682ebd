using Xunit;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>The accessibility check itself: it finds what it should, says how to fix it, and notices a page left unchecked.</summary>
[Collection(PortalCollection.Name)]
public sealed class AxeCheckTests(PortalFixture portal, BrowserFixture browser)
{
    [Fact]
    public async Task APageWithAnUnlabelledInputAndPaleText_FailsWithTheRulesAndElements()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Broken on purpose</title></head>
            <body><main><h1>Broken on purpose</h1>
            <input type="file" id="evidence">
            <button style="color:#f44336;background:#fff;border:0">Withdraw</button>
            </main></body></html>
            """);

        var failure = await Assert.ThrowsAsync<AccessibilityException>(() => AxeCheck.AssertAccessibleAsync(page));

        Assert.Contains("- label (critical): Form elements must have labels", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#evidence", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- color-contrast (serious)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("insufficient color contrast of 3.68", failure.Message, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task APageNavigatedToWithoutACheck_IsReportedBeforeThePageCloses()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        await page.GotoAsync("/account/login");
        await BrowserFixture.OpenAsync(page, "/account/denied");

        var failure = Assert.Throws<AccessibilityException>(() => AxeCheck.AssertEveryNavigationChecked(page));

        Assert.Contains("/account/login without an accessibility check", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/account/denied", failure.Message, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public void AMissingAxeScript_FailsWithHowToInstallIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "axe.min.js");

        var failure = Assert.Throws<FileNotFoundException>(() => AxeCheck.Load(missing));

        Assert.Contains("run `npm ci` in", failure.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(AxeCheck.ScriptPath), $"{AxeCheck.ScriptPath} is missing: run `npm ci`");
    }
}
