using System.Net.Http.Json;
using EsgTrace.Accounts;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>
/// Every page of the portal, as a role that can see it (the sign-in, access-denied and public verification pages
/// signed out, the last for a published claim and for an unknown one), on a 390 px phone and on a desktop: no WCAG 2.2
/// A/AA violation and no sideways scrolling.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class EveryPageTests(PortalFixture portal, BrowserFixture browser, ITestOutputHelper output)
{
    private const string ClaimId = "every-page-claim";

    public static TheoryData<string?, string, int> Pages()
    {
        var pages = new (string? User, string Path)[]
        {
            (null, "/account/login"),
            (null, "/account/denied"),
            (null, $"/verify/{ClaimId}"),
            (null, "/verify/no-such-claim"),
            ("supply", "/"),
            ("supply", "/supply-chain"),
            ("supply", "/supply-chain/products/demo-tee"),
            ("supply", "/supply-chain/shipments"),
            ("supply", "/supply-chain/lots"),
            ("supply", "/supply-chain/suppliers"),
            ("supply", "/supply-chain/supplier-requests"),
            ("supplier", "/supplier"),
            ("supplier", "/"),
            ("supply", "/supply-chain/lots/F-2026-101"),
            ("supply", "/supply-chain/shipments/S-2026-0004"),
            ("supply", "/supply-chain/define-product"),
            ("supply", "/supply-chain/products/demo-hoodie/edit"),
            ("marketing", "/claims"),
            ("cio", "/green-it"),
            ("auditor", "/audit"),
            ("supply", "/epcis/deliveries"),
            ("admin", "/admin/users"),
            ("admin", "/admin/api-keys"),
            ("supply", "/pact"),
            ("admin", "/admin/pact-partners"),
        };
        var data = new TheoryData<string?, string, int>();
        foreach (var width in new[] { BrowserFixture.Phone.Width, BrowserFixture.Desktop.Width })
        {
            foreach (var (user, path) in pages)
            {
                data.Add(user, path, width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_IsAccessible_AndFitsTheScreenWidth(string? user, string path, int width)
    {
        // A published claim gives the claims page its status chips and buttons and the public page its facts and upload
        // form; the keys issued for it give the API-key list rows with a Revoke button.
        await EnsurePublishedClaimAsync();
        var page = await browser.NewPageAsync(portal.Host.BaseAddress, phone: width == BrowserFixture.Phone.Width);
        if (user is not null)
        {
            await SignInTests.SignInAsync(page, user, PortalHost.DemoPassword);
        }

        await page.GotoAsync(path);
        await AxeCheck.WaitUntilSettledAsync(page);

        Assert.EndsWith(path, new Uri(page.Url).PathAndQuery, StringComparison.Ordinal);
        var name = $"{(width == BrowserFixture.Desktop.Width ? "desktop" : "phone")}{(path == "/" ? "-home" : path.Replace('/', '-'))}";
        await BrowserFixture.CaptureAsync(page, name);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        output.WriteLine($"{path} on a {width} px screen is {scrollWidth} px wide");
        var tooWide = scrollWidth <= width ? null
            : $"{path} is {scrollWidth} px wide on a {width} px screen; elements reaching past its edge:\n  {string.Join("\n  ", await page.EvaluateAsync<string[]>(WiderThanScreen, width))}";
        try
        {
            await AxeCheck.AssertAccessibleAsync(page);
        }
        catch (AccessibilityException e) when (tooWide is not null)
        {
            Assert.Fail(tooWide + "\n" + e.Message);
        }

        Assert.True(tooWide is null, tooWide);
        await BrowserFixture.CloseAsync(page);
    }

    [Fact]
    public async Task OnAPhone_TheNavigationWaitsBehindTheMenuButton_AndOpensOverThePage()
    {
        var page = await browser.NewPageAsync(portal.Host.BaseAddress, phone: true);
        await SignInTests.SignInAsync(page, "auditor", PortalHost.DemoPassword);
        var nav = page.GetByTestId("main-nav");
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });

        await Assertions.Expect(nav).Not.ToBeInViewportAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await menu.ClickAsync();
        await Assertions.Expect(nav).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= BrowserFixture.Phone.Width);
        await AxeCheck.AssertAccessibleAsync(page);
        await BrowserFixture.CaptureAsync(page, "phone-navigation-open");

        await nav.GetByRole(AriaRole.Link, new() { Name = "Claims" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Claims", Level = 1 }).WaitForAsync();
        await AxeCheck.AssertAccessibleAsync(page);
        await Assertions.Expect(nav).Not.ToBeInViewportAsync();
        await BrowserFixture.CloseAsync(page);
    }

    // The innermost elements whose right edge passes the screen's: where a fix belongs.
    private const string WiderThanScreen = """
        width => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 0.5)
            .filter((e, _, all) => !all.some(o => o !== e && e.contains(o)))
            .slice(0, 10)
            .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${[...e.classList].map(c => '.' + c).join('')} (right edge ${Math.round(e.getBoundingClientRect().right)} px): ${(e.textContent ?? '').trim().slice(0, 60)}`)
        """;

    // Once per portal: the cases share the collection's portal, and each would otherwise issue its own keys.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PortalFixture, Task> Seeded = [];

    private Task EnsurePublishedClaimAsync() => EnsurePublishedClaimAsync(portal);

    /// <summary>The published claim the public page of <see cref="Pages"/> shows, once per portal.</summary>
    internal static Task EnsurePublishedClaimAsync(PortalFixture portal) => Seeded.GetValue(portal, _ => PublishClaimAsync(portal));

    private static async Task PublishClaimAsync(PortalFixture portal)
    {
        using var marketing = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Marketing, "every-page marketing"));
        using var auditor = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor, "every-page auditor"));
        // Demo T-shirt: 1.3582 kg CO2e per piece (SupplyChainBrowserTests works it out), within the limit.
        var draft = new { productId = "demo-tee", type = "footprint-at-most", threshold = 1.5m, wording = "Cradle-to-gate footprint of at most 1.5 kg CO2e per T-shirt", validUntil = "2030-12-31" };
        (await marketing.PutAsJsonAsync($"/api/claims/{ClaimId}", draft)).EnsureSuccessStatusCode();
        (await marketing.PostAsync($"/api/claims/{ClaimId}/verify", null)).EnsureSuccessStatusCode();
        (await auditor.PostAsync($"/api/claims/{ClaimId}/approve", null)).EnsureSuccessStatusCode();
        var published = await (await marketing.PostAsync($"/api/claims/{ClaimId}/publish", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("published", published.GetProperty("status").GetString());
    }
}
