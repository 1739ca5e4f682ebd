using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>
/// What the platform holds, as its own listings show it: every GET of the document without path parameters that answers
/// JSON (suppliers, lots, shipments, products, claims, users, API keys, workloads, actions, datasets, the audit trail, EPCIS
/// events, PACT footprints…), each read to its last page. Two snapshots that differ name the listings that changed.
/// </summary>
public sealed partial class StateSnapshot
{
    private const int MaxPages = 200;

    private StateSnapshot(IReadOnlyDictionary<string, string> listings) => Listings = listings;

    public IReadOnlyDictionary<string, string> Listings { get; }

    /// <summary>The listings of the document, each with the first client allowed to read it, and how many requests that took.</summary>
    public static async Task<(IReadOnlyList<(string Path, HttpClient Client)> Readers, int Requests)> FindReadersAsync(
        OpenApiDescription document, IReadOnlyList<HttpClient> clients)
    {
        var readers = new List<(string, HttpClient)>();
        var requests = 0;
        foreach (var operation in document.Operations.Where(IsListing))
        {
            foreach (var client in clients)
            {
                using var response = await client.GetAsync(operation.PathTemplate);
                requests++;
                if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "application/json")
                {
                    readers.Add((operation.PathTemplate, client));
                    break;
                }
            }
        }

        return (readers, requests);
    }

    public static async Task<(StateSnapshot Snapshot, int Requests)> TakeAsync(IReadOnlyList<(string Path, HttpClient Client)> readers)
    {
        var listings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var requests = 0;
        foreach (var (path, client) in readers)
        {
            var pages = new List<string>();
            var next = path;
            while (next is not null && pages.Count < MaxPages)
            {
                using var response = await client.GetAsync(next);
                requests++;
                var body = await response.Content.ReadAsStringAsync();
                pages.Add($"{(int)response.StatusCode} {body}");
                next = NextPage(path, response, body);
            }

            listings[path] = string.Join("\n", pages);
        }

        return (new StateSnapshot(listings), requests);
    }

    /// <summary>The listings whose content differs, each with the first place they differ.</summary>
    public IReadOnlyList<string> Differences(StateSnapshot later)
        => Listings.Keys.Union(later.Listings.Keys)
            .Where(k => Listings.GetValueOrDefault(k) != later.Listings.GetValueOrDefault(k))
            .Select(k => $"{k}: {FirstDifference(Listings.GetValueOrDefault(k) ?? "", later.Listings.GetValueOrDefault(k) ?? "")}")
            .ToList();

    private static bool IsListing(ApiOperation operation)
        => operation.Method == "GET"
           && !operation.Parameters.Any(p => p.In == "path")
           && (operation.PathTemplate.StartsWith("/api/", StringComparison.Ordinal) || operation.PathTemplate is "/events" or "/2/footprints")
           && !operation.PathTemplate.EndsWith(".pdf", StringComparison.Ordinal);

    private static string? NextPage(string path, HttpResponseMessage response, string body)
    {
        if (response.Headers.TryGetValues("Link", out var links) && LinkNext().Match(string.Join(",", links)) is { Success: true } link)
        {
            return link.Groups[1].Value;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("nextAfterKey", out var after) && after.ValueKind == JsonValueKind.String)
            {
                return path + "?after=" + Uri.EscapeDataString(after.GetString()!);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static string FirstDifference(string before, string after)
    {
        var at = 0;
        while (at < before.Length && at < after.Length && before[at] == after[at])
        {
            at++;
        }

        static string Around(string text, int at) => text.Length <= at ? "(end)" : text.Substring(Math.Max(0, at - 60), Math.Min(text.Length - Math.Max(0, at - 60), 200));
        return $"before …{Around(before, at)}… after …{Around(after, at)}…";
    }

    [GeneratedRegex("<([^>]+)>\\s*;\\s*rel=\"next\"")]
    private static partial Regex LinkNext();
}
