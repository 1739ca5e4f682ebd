using System.Net;
using System.Text.Json;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>
/// Sends generated requests to the portal and checks the properties every answer must have: never a 5xx; a 4xx on /api is
/// an RFC 9457 problem document; a refused write leaves nothing behind (every listing as before, and the record the write
/// named reads as before). Each request goes anonymously now and then, and with an API key of a role allowed to call it
/// (the first of the roles that is not answered 401/403, remembered per operation).
/// </summary>
public sealed class FuzzSession(
    OpenApiDescription document,
    HttpClient anonymous,
    IReadOnlyList<(string Role, HttpClient Client)> roles,
    IReadOnlyList<(string Path, HttpClient Client)> readers,
    ServerErrorLog errors,
    FuzzTally tally)
{
    private readonly Dictionary<string, int> _roleOf = [];
    private readonly Dictionary<string, HttpClient?> _resourceReader = [];
    private readonly HashSet<string> _reached = [];
    private StateSnapshot? _state;

    /// <summary>Operations a request with a role's key got past authorization for (so its handler ran).</summary>
    public IReadOnlySet<string> Reached => _reached;

    public async Task StartAsync() => _state = await SnapshotAsync();

    /// <summary>The property CsCheck samples: throws with a description of the first broken rule.</summary>
    public async Task CheckAsync(FuzzRequest request)
    {
        var operation = request.Operation;
        if (request.AlsoAnonymous)
        {
            await SendAndCheckAsync(request, anonymous, "anonymous");
        }

        var order = Enumerable.Range(0, roles.Count).OrderBy(i => i == _roleOf.GetValueOrDefault(operation.Key, 0) ? 0 : 1).ToList();
        foreach (var index in order)
        {
            var status = await SendAndCheckAsync(request, roles[index].Client, roles[index].Role);
            if (status is not (401 or 403))
            {
                return;
            }
        }
    }

    private async Task<int> SendAndCheckAsync(FuzzRequest request, HttpClient client, string caller)
    {
        var resource = request.Operation.IsWrite ? await ReadResourceAsync(request) : null;
        errors.Drain();
        using var message = request.ToMessage();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var status = (int)response.StatusCode;
        tally.Count(status);
        if (client != anonymous && status is not (401 or 403))
        {
            _roleOf[request.Operation.Key] = roles.Select((r, i) => (r.Client, i)).First(r => r.Client == client).i;
            _reached.Add(request.Operation.Key);
        }

        var sent = $"{request} as {caller}";
        if (status >= 500)
        {
            var body = await ReadSomeAsync(response);
            var logged = errors.Drain();
            throw new FuzzFailure($"{status} for {sent}\n  answer: {body}\n  server: {(logged.Count == 0 ? "(no exception logged)" : string.Join("\n          ", logged))}");
        }

        var path = response.RequestMessage?.RequestUri?.AbsolutePath ?? "";
        if (status >= 400 && path.StartsWith("/api/", StringComparison.Ordinal))
        {
            var body = await ReadSomeAsync(response);
            if (IsRefusedByKestrel(response, status, body))
            {
                tally.CountKestrelRefusal();
            }
            else if (ProblemShapeError(response, status, body) is { } problem)
            {
                throw new FuzzFailure($"{status} without problem details ({problem}) for {sent}");
            }
        }

        if (request.Operation.IsWrite)
        {
            tally.CountWrite(accepted: status < 400);
            if (status >= 400)
            {
                await CheckNothingLeftAsync(request, resource, sent, status);
            }
            else
            {
                _state = await SettledSnapshotAsync();
            }
        }

        return status;
    }

    private async Task CheckNothingLeftAsync(FuzzRequest request, string? resourceBefore, string sent, int status)
    {
        var after = await SnapshotAsync();
        var changed = _state!.Differences(after);
        if (changed.Count > 0)
        {
            _state = after;
            throw new FuzzFailure($"refused ({status}) but changed {string.Join("; ", changed)} for {sent}");
        }

        var resourceAfter = await ReadResourceAsync(request);
        if (resourceAfter != resourceBefore)
        {
            throw new FuzzFailure($"refused ({status}) but the record it names changed: before {Shorten(resourceBefore)}, after {Shorten(resourceAfter)}, for {sent}");
        }
    }

    /// <summary>The status and (when found) the body of the record a write names, read by a role allowed to read it.</summary>
    private async Task<string?> ReadResourceAsync(FuzzRequest request)
    {
        var template = ResourceTemplate(request.Operation);
        if (template is null)
        {
            return null;
        }

        if (!_resourceReader.TryGetValue(template, out var reader))
        {
            reader = null;
            foreach (var (_, client) in roles)
            {
                using var probe = await client.GetAsync(request.Fill(template));
                tally.CountChecks(1);
                if (probe.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                {
                    reader = client;
                    break;
                }
            }

            _resourceReader[template] = reader;
        }

        if (reader is null)
        {
            return null;
        }

        using var response = await reader.GetAsync(request.Fill(template));
        tally.CountChecks(1);
        var status = (int)response.StatusCode;
        // A generated id with dot segments ("..") can make the path leave the API and land on a portal page, whose HTML
        // differs on every request (its CSP nonce): no record of the API is named then, so only the status is compared.
        if (response.Content.Headers.ContentType?.MediaType == "text/html")
        {
            return status.ToString(System.Globalization.CultureInfo.InvariantCulture) + " (a portal page, not an API record)";
        }

        return status == 200 ? "200 " + await response.Content.ReadAsStringAsync() : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The GET of the document on the write's own path, or on the longest prefix of it that ends at a path parameter.</summary>
    private string? ResourceTemplate(ApiOperation write)
    {
        var segments = write.PathTemplate.Split('/');
        for (var length = segments.Length; length > 1; length--)
        {
            var prefix = string.Join('/', segments[..length]);
            if (prefix.EndsWith('}') && document.Operations.Any(o => o.Method == "GET" && o.PathTemplate == prefix))
            {
                return prefix;
            }
        }

        return null;
    }

    private async Task<StateSnapshot> SnapshotAsync()
    {
        var (snapshot, requests) = await StateSnapshot.TakeAsync(readers);
        tally.CountChecks(requests);
        return snapshot;
    }

    /// <summary>After an accepted write: the state once background work it started (capture jobs, usage imports) is done.</summary>
    private async Task<StateSnapshot> SettledSnapshotAsync()
    {
        var last = await SnapshotAsync();
        for (var attempt = 0; attempt < 40; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(150));
            var next = await SnapshotAsync();
            if (last.Differences(next).Count == 0)
            {
                return next;
            }

            last = next;
        }

        return last;
    }

    /// <summary>
    /// A request line or headers over Kestrel's limits (414, 431) or a request target it cannot parse (400) is answered by
    /// the server before any middleware runs, with no body: the request never reached the API, so no problem document.
    /// </summary>
    private static bool IsRefusedByKestrel(HttpResponseMessage response, int status, string body)
        => status is 400 or 414 or 431 && body.Length == 0 && response.Content.Headers.ContentType is null;

    private static string? ProblemShapeError(HttpResponseMessage response, int status, string body)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType != "application/problem+json")
        {
            return $"content type {mediaType ?? "none"}, body {Shorten(body)}";
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (!root.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String)
            {
                return "no title";
            }

            return root.TryGetProperty("status", out var stated) && stated.TryGetInt32(out var value) && value == status
                ? null
                : $"status member is not {status}";
        }
        catch (JsonException e)
        {
            return "unreadable JSON: " + e.Message;
        }
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new char[1 << 20];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), timeout.Token);
        return new string(buffer, 0, read);
    }

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length > 300 ? text[..300] + "…" : text;
}

/// <summary>A broken property of the fuzz test, with the request that broke it.</summary>
public sealed class FuzzFailure(string message) : Exception(message);
