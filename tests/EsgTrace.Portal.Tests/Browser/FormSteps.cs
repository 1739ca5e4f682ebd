using Microsoft.Playwright;

namespace EsgTrace.Portal.Tests.Browser;

/// <summary>How a user fills the portal's pickers: search-as-you-type lists, and a date, a time and a time zone.</summary>
internal static class FormSteps
{
    /// <summary>Types into a search field and picks the option whose text contains <paramref name="option"/>.</summary>
    public static async Task PickAsync(ILocator field, string search, string option)
    {
        await field.ClickAsync();
        await field.FillAsync(search);
        var page = field.Page;
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First;
        await item.ClickAsync();
        // The choice has gone to the server and back when the list has closed; only then is the next field filled.
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>Types a date (yyyy-mm-dd) and a time (hh:mm) and picks a time zone of the field labelled <paramref name="label"/>.</summary>
    public static async Task FillTimeAsync(IPage page, string label, string date, string time, string zone)
    {
        var dateInput = page.GetByLabel($"{label} date", new() { Exact = true });
        await dateInput.FillAsync(date);
        await dateInput.PressAsync("Tab");
        var timeInput = page.GetByLabel($"{label} time", new() { Exact = true });
        await timeInput.FillAsync(time);
        await timeInput.PressAsync("Tab");
        await PickAsync(page.GetByLabel($"{label} time zone", new() { Exact = true }), zone, zone);
    }

    /// <summary>Screenshots at desktop width and at 390 px (a phone), when ESGTRACE_SCREENSHOTS names a folder.</summary>
    public static async Task CaptureBothAsync(IPage page, string name)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ESGTRACE_SCREENSHOTS")))
        {
            return;
        }

        var size = page.ViewportSize;
        await BrowserFixture.CaptureAsync(page, name);
        await page.SetViewportSizeAsync(390, 844);
        await page.WaitForTimeoutAsync(300);
        await BrowserFixture.CaptureAsync(page, name + "-390");
        if (size is not null)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }
}
