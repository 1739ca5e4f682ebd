using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using EsgTrace.Accounts;
using EsgTrace.Testing;

namespace EsgTrace.Bench;

/// <summary>
/// Load generator over the HTTP API of a running platform, in three configurations started here as real processes:
/// embedded (portal + silo + SQLite, as ./run.sh), 1 silo + 1 portal on Azurite, 3 silos + 2 portals on Azurite. At each
/// concurrency, clients loop over a fixed mix (40 % shipment writes over 50 lots, 40 % footprint reads, 20 % EPCIS
/// captures of 10 events) for a fixed time; throughput and p50/p99 latency are reported per configuration and operation.
/// </summary>
public static class LoadBench
{
    private static readonly int[] Concurrency = [1, 8, 32];

    public sealed record Row(string Configuration, int Clients, string Operation, int Requests, int Errors, double PerSecond, double P50Ms, double P99Ms);

    public static async Task<List<Row>> RunAsync(TimeSpan perLevel)
    {
        var rows = new List<Row>();
        using var directory = new TempDirectory();
        await using (var embedded = await EmbeddedPlatform.StartAsync(Path.Combine(directory.Path, "embedded")))
        {
            var key = await embedded.IssueKeyAsync(Role.SupplyChain);
            rows.AddRange(await DriveAsync("embedded (SQLite)", [embedded.Address], key, perLevel));
        }

        await using var azurite = await AzuriteInstance.StartAsync();
        foreach (var (silos, portals, name) in new[] { (1, 1, "1 silo + Azurite"), (3, 2, "3 silos + Azurite") })
        {
            await using var cluster = await LocalCluster.StartAsync(azurite.ConnectionString, silos, portals);
            var key = await cluster.IssueKeyAsync(Role.SupplyChain);
            rows.AddRange(await DriveAsync(name, cluster.Portals, key, perLevel));
        }

        return rows;
    }

    private static async Task<List<Row>> DriveAsync(string configuration, IReadOnlyList<Uri> portals, string key, TimeSpan perLevel)
    {
        var clients = portals.Select(p => ApiClients.For(p, key)).ToList();
        var (tee, _) = await TestSupplyChain.RecordAsync(clients[0], "ld");
        for (var lot = 0; lot < 50; lot++)
        {
            using var response = await clients[0].PutAsJsonAsync($"/api/lots/ld-L{lot}", TestSupplyChain.Lot("ld", "cotton fabric", 5, "t", "mill", 4.0m, []));
            response.EnsureSuccessStatusCode();
        }

        var rows = new List<Row>();
        var sequence = 0;
        foreach (var level in Concurrency)
        {
            await RunLevelAsync(clients, tee, level, TimeSpan.FromSeconds(2), () => Interlocked.Increment(ref sequence)); // warm-up
            var samples = await RunLevelAsync(clients, tee, level, perLevel, () => Interlocked.Increment(ref sequence));
            foreach (var group in samples.GroupBy(s => s.Operation).Append(samples.GroupBy(_ => "all").Single()))
            {
                var ok = group.Where(s => s.Ok).Select(s => s.Ms).Order().ToArray();
                rows.Add(new Row(configuration, level, group.Key, group.Count(), group.Count(s => !s.Ok), ok.Length / perLevel.TotalSeconds, Percentile(ok, 0.50), Percentile(ok, 0.99)));
            }

            var all = rows[^1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {configuration,-20} {level,3} clients: {all.PerSecond,7:N0} req/s, p50 {all.P50Ms,6:0.0} ms, p99 {all.P99Ms,7:0.0} ms, errors {all.Errors}"));
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        return rows;
    }

    private sealed record Sample(string Operation, double Ms, bool Ok);

    private static async Task<List<Sample>> RunLevelAsync(IReadOnlyList<HttpClient> clients, string tee, int level, TimeSpan duration, Func<int> next)
    {
        var samples = new List<Sample>();
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, level).Select(async worker =>
        {
            var mine = new List<Sample>();
            while (until.Elapsed < duration)
            {
                var n = next();
                var api = clients[n % clients.Count];
                var operation = (n % 5) switch { 0 or 1 => "record shipment", 2 or 3 => "read footprint", _ => "capture EPCIS (10 events)" };
                var watch = Stopwatch.StartNew();
                bool ok;
                try
                {
                    using var response = operation switch
                    {
                        "record shipment" => await api.PutAsJsonAsync($"/api/shipments/ld-{n}", Shipment(n)),
                        "read footprint" => await api.GetAsync($"/api/products/{tee}/footprint"),
                        _ => await api.PostAsync("/capture", Capture(n)),
                    };
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                mine.Add(new Sample(operation, watch.Elapsed.TotalMilliseconds, ok));
            }

            lock (samples)
            {
                samples.AddRange(mine);
            }
        }));
        return samples;
    }

    private static object Shipment(int n)
    {
        var departed = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(n);
        // 1 kg each, so the 5 t lots hold mass for every shipment of the run (mass balance refuses more than a lot holds).
        return TestSupplyChain.Shipment($"ld-L{n % 50}", "road", 100, "km", departed.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture), departed.AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture), mass: 1m);
    }

    private static StringContent Capture(int n)
    {
        var events = string.Join(",", Enumerable.Range(0, 10).Select(i => $$$"""
            {"type":"ObjectEvent","eventID":"urn:uuid:{{{Guid.NewGuid()}}}","eventTime":"2026-11-24T09:{{{i:D2}}}:00Z","eventTimeZoneOffset":"+01:00","epcList":["urn:epc:id:sgtin:0614141.107346.{{{n}}}{{{i}}}"],"action":"OBSERVE","bizStep":"inspecting","readPoint":{"id":"urn:epc:id:sgln:0614141.00777.0"}}
            """));
        var document = $$$"""{"@context":["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-11-24T10:00:00Z","epcisBody":{"eventList":[{{{events}}}]}}""";
        return new StringContent(document, Encoding.UTF8, "application/ld+json");
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>The table (markdown) and a plot (SVG: requests/s and p99 against clients, one line per configuration).</summary>
    public static void Write(List<Row> rows, string markdownPath, string svgPath)
    {
        var md = new StringBuilder();
        md.AppendLine("| configuration | clients | operation | requests | errors | req/s | p50 ms | p99 ms |");
        md.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Configuration} | {r.Clients} | {r.Operation} | {r.Requests:N0} | {r.Errors} | {r.PerSecond:N0} | {r.P50Ms:0.0} | {r.P99Ms:0.0} |"));
        }

        File.WriteAllText(markdownPath, md.ToString());
        File.WriteAllText(svgPath, Plot(rows.Where(r => r.Operation == "all").ToList()));
    }

    private static string Plot(List<Row> all)
    {
        const int W = 760, H = 300, L = 60, T = 30, PW = 280, PH = 210;
        string[] colours = ["#1b7837", "#2166ac", "#b2182b"];
        var configurations = all.Select(r => r.Configuration).Distinct().ToList();
        var svg = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H + 40}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        void Panel(int x0, string title, Func<Row, double> value)
        {
            var max = Math.Max(1, all.Max(value)) * 1.1;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0 + PW / 2}\" y=\"{T - 10}\" text-anchor=\"middle\" font-weight=\"bold\">{title}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x0}\" y1=\"{T + PH}\" x2=\"{x0 + PW}\" y2=\"{T + PH}\" stroke=\"#333\"/><line x1=\"{x0}\" y1=\"{T}\" x2=\"{x0}\" y2=\"{T + PH}\" stroke=\"#333\"/>\n");
            for (var t = 0; t <= 4; t++)
            {
                var y = T + PH - t * PH / 4.0;
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0 - 5}\" y=\"{y + 4:0}\" text-anchor=\"end\">{max * t / 4:0}</text><line x1=\"{x0}\" y1=\"{y:0}\" x2=\"{x0 + PW}\" y2=\"{y:0}\" stroke=\"#eee\"/>\n");
            }

            for (var i = 0; i < Concurrency.Length; i++)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0 + i * PW / (Concurrency.Length - 1)}\" y=\"{T + PH + 15}\" text-anchor=\"middle\">{Concurrency[i]}</text>\n");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0 + PW / 2}\" y=\"{T + PH + 30}\" text-anchor=\"middle\">concurrent clients</text>\n");
            for (var c = 0; c < configurations.Count; c++)
            {
                var points = all.Where(r => r.Configuration == configurations[c]).Select(r => (X: x0 + Array.IndexOf(Concurrency, r.Clients) * PW / (double)(Concurrency.Length - 1), Y: T + PH - value(r) / max * PH)).ToList();
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colours[c % 3]}\" stroke-width=\"2\" points=\"{string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")))}\"/>\n");
                foreach (var p in points)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{p.X:0.#}\" cy=\"{p.Y:0.#}\" r=\"3\" fill=\"{colours[c % 3]}\"/>\n");
                }
            }
        }

        Panel(L, "throughput (requests/s, all operations)", r => r.PerSecond);
        Panel(L + PW + 120, "p99 latency (ms, all operations)", r => r.P99Ms);
        for (var c = 0; c < configurations.Count; c++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{L + c * 220}\" y=\"{H + 20}\" width=\"12\" height=\"12\" fill=\"{colours[c % 3]}\"/><text x=\"{L + c * 220 + 18}\" y=\"{H + 30}\">{configurations[c]}</text>\n");
        }

        return svg.Append("</svg>\n").ToString();
    }
}
