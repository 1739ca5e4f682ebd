using EsgTrace.Portal.Tests.Browser;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace EsgTrace.Portal.Tests.Security;

/// <summary>
/// The portal works under its Content-Security-Policy (every page, as the role that sees it, with no violation
/// reported by the browser), and the policy does its job: an inline script or event handler slipped into a page the
/// portal serves does not run.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ContentSecurityPolicyTests(PortalFixture portal, BrowserFixture browser, ITestOutputHelper output)
{
    // Runs before any script of the page (Playwright injects it through the DevTools protocol, outside the policy).
    private const string ListenForViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
            `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || document.location.href}:${e.lineNumber} (${(e.sample || '').slice(0, 60)})`));
        """;

    public static TheoryData<string?, string> Pages()
    {
        var pages = new TheoryData<string?, string>();
        foreach (var row in EveryPageTests.Pages().Where(r => (int)r[2] == BrowserFixture.Desktop.Width))
        {
            pages.Add((string?)row[0], (string)row[1]);
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_RunsWithoutAPolicyViolation(string? user, string path)
    {
        await EveryPageTests.EnsurePublishedClaimAsync(portal);
        var (page, violations) = await WatchedPageAsync();
        if (user is not null)
        {
            await SignInTests.SignInAsync(page, user, PortalHost.DemoPassword);
        }

        var response = await page.GotoAsync(path);
        await AxeCheck.AssertAccessibleAsync(page);
        // Late work (the circuit's WebSocket, MudBlazor's popovers and theme) has had time to trip the policy.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        violations.AddRange(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));

        var policy = response!.Headers["content-security-policy"];
        output.WriteLine(policy);
        Assert.Contains("script-src 'self' 'nonce-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.True(violations.Count == 0, $"{path} as {user ?? "anonymous"}:\n  " + string.Join("\n  ", violations));
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task AnInjectedInlineScriptOrHandler_DoesNotRun()
    {
        var (page, violations) = await WatchedPageAsync();
        // The real response of the portal (its real headers, the policy among them) with markup injected into its body,
        // as a stored cross-site scripting flaw would put it there.
        await page.RouteAsync("**/account/login", async route =>
        {
            var real = await route.FetchAsync();
            var html = (await real.TextAsync()).Replace("</body>", "<script>window.__injected = true;</script><img alt=\"\" src=\"data:,\" onerror=\"window.__handler = true\"><img alt=\"\" src=\"/no-such-image\" onerror=\"window.__handler = true\"></body>", StringComparison.Ordinal);
            await route.FulfillAsync(new RouteFulfillOptions { Response = real, Body = html });
        });

        await BrowserFixture.OpenAsync(page, "/account/login");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.False(await page.EvaluateAsync<bool>("() => window.__injected === true"), "the injected inline script ran");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__handler === true"), "the injected event handler ran");
        violations.AddRange(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));
        Assert.Contains(violations, v => v.StartsWith("script-src", StringComparison.Ordinal) && v.Contains("inline", StringComparison.Ordinal));
        // The portal's own scripts still ran: the sign-in form is there and Blazor started.
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object'"), "blazor.web.js did not run");
        await BrowserFixture.CloseAsync(page);
    }

    private async Task<(IPage Page, List<string> Violations)> WatchedPageAsync()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress);
        var violations = new List<string>();
        await page.Context.AddInitScriptAsync(ListenForViolations);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add("console: " + message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (violations)
            {
                violations.Add("page error: " + error);
            }
        };
        return (page, violations);
    }
}
