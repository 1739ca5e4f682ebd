using Microsoft.Playwright;
using Xunit;

namespace EsgTrace.Portal.Tests;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium, never a downloaded browser) driven by Playwright, headless, with the flags this
/// closed network needs. Fails with instructions when Chromium is missing rather than skipping.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var path = Environment.GetEnvironmentVariable("ESGTRACE_CHROMIUM") ?? ChromiumPath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Chromium was not found at {path}. Install Debian's chromium (`sudo apt-get install chromium`; the README's test command ./test.sh does it) or set ESGTRACE_CHROMIUM.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>Saves a full-page screenshot when ESGTRACE_SCREENSHOTS names a folder, so a reviewer can look at what the tests saw.</summary>
    public static async Task CaptureAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("ESGTRACE_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    /// <summary>A phone screen in portrait: the width every page must fit without scrolling sideways.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>The desktop screen the tests use unless they ask for a phone.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    /// <summary>
    /// A fresh browser context (own cookies) with a page on it, on a desktop screen or a (touch, mobile) phone. Its
    /// navigations are logged: each must be followed by an accessibility check (<see cref="OpenAsync"/> or
    /// <see cref="AxeCheck.AssertAccessibleAsync"/>) before <see cref="CloseAsync"/>.
    /// </summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = phone ? Phone : Desktop,
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        AxeCheck.Track(page);
        return page;
    }

    /// <summary>Opens a path, waits for it to settle and fails on any WCAG 2.2 A/AA violation there.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await AxeCheck.AssertAccessibleAsync(page);
    }

    /// <summary>Checks the state the test left the page in, fails if a page it went to was never checked, and closes it.</summary>
    public static async Task CloseAsync(IPage page)
    {
        await AxeCheck.AssertAccessibleAsync(page);
        AxeCheck.AssertEveryNavigationChecked(page);
        await page.Context.CloseAsync();
    }
}
