using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using EsgTrace.Testing;
using Microsoft.Playwright;

namespace EsgTrace.Portal.Tests;

/// <summary>
/// Runs axe-core (node_modules/axe-core from the committed package-lock, installed by <c>npm ci</c>) in a settled page and
/// fails on any WCAG 2.2 A/AA violation. Every page opened by <see cref="BrowserFixture.NewPageAsync"/> logs its
/// navigations, and <see cref="BrowserFixture.CloseAsync"/> fails when one of them was never checked.
/// </summary>
public static class AxeCheck
{
    /// <summary>The rule sets checked: WCAG 2.0, 2.1 and 2.2 at levels A and AA.</summary>
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static string ScriptPath { get; } = Path.Combine(RepositoryRoot.Path, "node_modules", "axe-core", "axe.min.js");

    private static readonly Lazy<string> Script = new(() => Load(ScriptPath));
    private static readonly ConditionalWeakTable<IPage, NavigationLog> Logs = [];

    // Settled: the page has rendered its heading (Blazor renders interactive pages only once the circuit is up), no
    // loading indicator is showing and no finite animation (a snackbar sliding in, a ripple) is still running, since
    // colours measured mid-fade are not the colours a reader sees.
    private const string Settled = """
        () => document.readyState === 'complete'
            && document.querySelector('h1') !== null
            && document.querySelector('.mud-progress-indeterminate, .mud-table-loading') === null
            && document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)
            && [...document.querySelectorAll('.mud-snackbar')].every(s => getComputedStyle(s).opacity === '1')
        """;

    private const string Run = """
        async tags => {
            const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact ?? '', help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                    target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' '),
                    summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
                })),
            }));
        }
        """;

    /// <summary>Reads axe.min.js; fails (never skips) with how to install it when it is missing.</summary>
    internal static string Load(string path) => File.Exists(path)
        ? File.ReadAllText(path)
        : throw new FileNotFoundException($"axe-core was not found at {path}. Install it from the committed package-lock.json: run `npm ci` in {RepositoryRoot.Path} (./test.sh does it; needs Node.js 20+, apt-get install nodejs npm).", path);

    /// <summary>Starts logging the page's main-frame navigations, so that an unchecked one can be reported.</summary>
    public static void Track(IPage page)
    {
        var log = Logs.GetValue(page, _ => new NavigationLog());
        page.FrameNavigated += (_, frame) =>
        {
            if (frame.ParentFrame is null && frame.Url != "about:blank")
            {
                log.Navigated(frame.Url);
            }
        };
    }

    /// <summary>Waits for the page to settle, runs axe and throws with every violation (rule, impact, elements, help).</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        await WaitUntilSettledAsync(page);
        var seen = Logs.TryGetValue(page, out var log) ? log.Count : 0;
        var violations = await RunAsync(page);
        if (violations.Count > 0)
        {
            throw new AccessibilityException(Describe(page.Url, violations));
        }

        log?.Checked(seen);
    }

    /// <summary>
    /// For a page we serve but do not write (the Orleans dashboard's own UI): fails unless axe finds exactly the
    /// <paramref name="known"/> rules violated, so the page neither gets worse unnoticed nor keeps an exception it no longer needs.
    /// </summary>
    public static async Task AssertKnownViolationsAsync(IPage page, IReadOnlySet<string> known)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var seen = Logs.TryGetValue(page, out var log) ? log.Count : 0;
        // Such a page fills itself in from its own calls after loading: look again for up to 15 s before failing.
        var violations = await RunAsync(page);
        var found = violations.Select(v => v.Id).ToHashSet();
        for (var attempt = 0; attempt < 15 && !found.SetEquals(known); attempt++)
        {
            await Task.Delay(1000);
            violations = await RunAsync(page);
            found = violations.Select(v => v.Id).ToHashSet();
        }

        if (!found.SetEquals(known))
        {
            throw new AccessibilityException($"Expected exactly the known violations [{string.Join(", ", known.Order())}] on {page.Url}, found [{string.Join(", ", found.Order())}]. " + Describe(page.Url, violations));
        }

        log?.Checked(seen);
    }

    /// <summary>The WCAG A/AA violations axe finds in the page as it is now.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            // Evaluated through the DevTools protocol, not added as a <script>: the portal's Content-Security-Policy
            // (rightly) blocks inline scripts, and a test must not need a weaker policy to look at the page.
            await page.EvaluateAsync(Script.Value);
        }

        var found = await page.EvaluateAsync<JsonElement>(Run, Tags);
        return found.Deserialize<List<AxeViolation>>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    public static async Task WaitUntilSettledAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync(Settled, null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{page.Url} did not settle within 20 s for the accessibility check: it has no h1 yet, or a loading indicator or animation kept running.", e);
        }
    }

    /// <summary>
    /// Forgives the unchecked visits to a page that moves on by itself at once (a meta refresh), which no check can
    /// catch; every other unchecked navigation is still reported.
    /// </summary>
    public static void PassedThrough(IPage page, string path)
    {
        if (Logs.TryGetValue(page, out var log))
        {
            log.Forgive(url => new Uri(url).AbsolutePath == path);
        }
    }

    /// <summary>Throws when the page navigated somewhere that was not checked with <see cref="AssertAccessibleAsync"/> afterwards.</summary>
    public static void AssertEveryNavigationChecked(IPage page)
    {
        if (Logs.TryGetValue(page, out var log) && log.Unchecked() is { Count: > 0 } missed)
        {
            throw new AccessibilityException($"The test navigated to {string.Join(", ", missed)} without an accessibility check there: call AxeCheck.AssertAccessibleAsync (or BrowserFixture.OpenAsync) once the page has loaded.");
        }
    }

    private static string Describe(string url, IReadOnlyList<AxeViolation> violations)
    {
        var text = new StringBuilder($"axe-core found {violations.Sum(v => v.Nodes.Count)} element(s) violating {violations.Count} WCAG 2.2 A/AA rule(s) on {url}:");
        foreach (var v in violations)
        {
            text.Append($"\n- {v.Id} ({v.Impact}): {v.Help}  {v.HelpUrl}");
            foreach (var node in v.Nodes)
            {
                text.Append($"\n    {node.Target}\n      {node.Summary}");
            }
        }

        return text.ToString();
    }

    private sealed class NavigationLog
    {
        private readonly Lock _gate = new();
        private readonly List<(int Number, string Url)> _unchecked = [];
        private int _count;

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        public void Navigated(string url)
        {
            lock (_gate)
            {
                _unchecked.Add((++_count, url));
            }
        }

        // A check covers the page it ran on, the latest navigation; earlier ones left unchecked stay reported.
        public void Checked(int number)
        {
            lock (_gate)
            {
                _unchecked.RemoveAll(n => n.Number == number);
            }
        }

        public void Forgive(Func<string, bool> passedThrough)
        {
            lock (_gate)
            {
                _unchecked.RemoveAll(n => passedThrough(n.Url));
            }
        }

        public List<string> Unchecked()
        {
            lock (_gate)
            {
                return _unchecked.Select(n => n.Url).Distinct().ToList();
            }
        }
    }
}

/// <summary>One axe rule broken, with the elements that break it.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes);

/// <summary>An element axe flagged: its CSS selector and what to fix.</summary>
public sealed record AxeNode(string Target, string Summary);

/// <summary>A page failed the accessibility check.</summary>
public sealed class AccessibilityException(string message) : Exception(message);
