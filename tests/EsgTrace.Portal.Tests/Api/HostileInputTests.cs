using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EsgTrace.Accounts;
using EsgTrace.Testing;
using Xunit;
using Xunit.Abstractions;

namespace EsgTrace.Portal.Tests.Api;

/// <summary>
/// Hostile input against the write API of a real portal: a seeded random mutator (reproducible: the seed is in every
/// failure message) turns valid supplier, lot, shipment, product and batch bodies into malformed, mistyped, oversized or
/// odd-unicode ones, plus hand-picked extremes (deep nesting, a 100,000-line BOM, a body over the 10 MiB limit). Every answer
/// must be a 2xx or a 4xx problem document, never a 5xx; a refused write must leave nothing behind (the id stays 404).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class HostileInputTests(PortalFixture portal, ITestOutputHelper output)
{
    private const int Cases = 400;
    private const int Seed = 20261124;

    private static readonly JsonNode?[] HostileValues =
    [
        null, "", " ", "\u0000", "\uFEFF", "\u202Eevil", "🧵🌍", "e\u0301", new string('x', 100_000), "../../etc/passwd", "a/b", "%2F",
        "<script>alert(1)</script>", "' OR 1=1 --", 0, -1, -0.0001m, 1e-30m, decimal.MaxValue, long.MinValue, int.MaxValue, true,
        "NaN", "Infinity", "1e309", "kg", "furlongs", "KG", "t CO2e", "1 piece", "2026-02-30T00:00:00Z", "2026-13-01", "yesterday",
        new JsonArray(), new JsonArray(1, "x", null), new JsonObject(), new JsonObject { ["$ref"] = "#" },
    ];

    [Fact]
    public async Task RandomlyMutatedBodies_NeverGetA5xx_AndRefusedOnesLeaveNothingBehind()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var (tee, fabric) = await TestSupplyChain.RecordAsync(api, "fz");
        var random = new Random(Seed);
        var statuses = new SortedDictionary<int, int>();
        for (var n = 0; n < Cases; n++)
        {
            var (kind, body) = ValidBody(n % 5, tee, fabric);
            var id = $"fz-{kind}-{n}";
            var text = Mutate(body, random);
            using var content = new StringContent(text, Encoding.UTF8, "application/json");
            using var response = await api.PutAsync($"/api/{kind}/{id}", content);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var answer = await response.Content.ReadAsStringAsync();
            Assert.True(status < 500, $"case {n} (seed {Seed}): PUT /api/{kind}/{id} → {status}\n{Shorten(text)}\n{answer}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/{kind}/{id}")).StatusCode);
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/{kind}/{id}")).StatusCode);
            }
        }

        output.WriteLine($"{Cases} mutated bodies (seed {Seed}): " + string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        Assert.True(statuses.Where(s => s.Key >= 400).Sum(s => s.Value) > Cases / 2, "most mutations should be refused");
    }

    [Fact]
    public async Task Extremes_AreRefusedWithProblemDetails_AndNothingIsStored()
    {
        var api = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var deepObject = string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000);
        var hugeBom = new JsonObject
        {
            ["name"] = "Huge", ["declaredUnit"] = "1 piece", ["processEnergy"] = 0, ["processEnergyUnit"] = "kWh", ["gridFactorId"] = "grid.DE",
            ["bom"] = new JsonArray(Enumerable.Range(0, 100_000).Select(i => (JsonNode)new JsonObject { ["kind"] = "material", ["ref"] = "m" + i, ["quantity"] = 1, ["unit"] = "g" }).ToArray()),
        }.ToJsonString();
        var oversized = "{\"name\":\"" + new string('x', 11 * 1024 * 1024) + "\"}";
        var cases = new (string Name, string Path, string Body, int Expected)[]
        {
            ("deep array", "/api/products/fx-deep", deep, 400),
            ("deep object", "/api/suppliers/fx-deep", deepObject, 400),
            ("huge BOM", "/api/products/fx-huge", hugeBom, 400),
            ("over 10 MiB", "/api/suppliers/fx-big", oversized, 413),
            ("lone surrogate", "/api/suppliers/fx-surrogate", "{\"name\":\"\\ud800\",\"country\":\"IN\",\"tier\":1}", 400),
            ("invalid UTF-8", "/api/suppliers/fx-utf8", "{\"name\":\"\u00ff\",\"country\":\"IN\",\"tier\":1}", -1),
            ("truncated", "/api/suppliers/fx-cut", "{\"name\":\"Mill\",\"coun", 400),
            ("not JSON", "/api/suppliers/fx-text", "name=Mill&country=IN", 400),
            ("duplicate keys", "/api/suppliers/fx-dup", "{\"name\":\"A\",\"name\":\"B\",\"country\":\"IN\",\"tier\":1}", -1),
            ("wrong unit", "/api/lots/fx-unit", "{\"material\":\"cotton\",\"quantity\":5,\"unit\":\"furlongs\",\"supplierId\":\"fz-farm\",\"originCountry\":\"IN\",\"factor\":{\"kind\":\"primary\",\"kgCo2ePerUnit\":1,\"perUnit\":\"kg\",\"source\":\"x\"}}", 400),
            ("decimal overflow", "/api/lots/fx-overflow", "{\"material\":\"cotton\",\"quantity\":1e40,\"unit\":\"kg\",\"supplierId\":\"fz-farm\",\"originCountry\":\"IN\"}", 400),
        };
        foreach (var (name, path, body, expected) in cases)
        {
            var bytes = name == "invalid UTF-8" ? [.. "{\"name\":\""u8.ToArray(), 0xC3, 0x28, .. "\",\"country\":\"IN\",\"tier\":1}"u8.ToArray()] : Encoding.UTF8.GetBytes(body);
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            // Expect: 100-continue, so a body the server refuses by its declared length is never sent (else the refusal
            // arrives while the client is still writing, and it sees a broken pipe instead of the 413).
            using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = content };
            request.Headers.ExpectContinue = true;
            using var response = await api.SendAsync(request);
            var status = (int)response.StatusCode;
            Assert.True(expected == -1 ? status is 400 or 200 : status == expected, $"{name}: {status} {await response.Content.ReadAsStringAsync()}");
            Assert.True(status < 500);
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(path)).StatusCode);
            }
        }
    }

    private static (string Kind, JsonObject Body) ValidBody(int which, string tee, string fabric) => which switch
    {
        0 => ("suppliers", new JsonObject { ["name"] = "Fuzz Mill", ["country"] = "IN", ["tier"] = 2, ["gln"] = "4012345000009" }),
        1 => ("lots", (JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(TestSupplyChain.Lot("fz", "cotton fabric", 10, "kg", "mill", 4.0m, [])))!),
        2 => ("shipments", (JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(TestSupplyChain.Shipment(fabric, "road", 100, "km", "2026-04-02T08:00:00+02:00", "2026-04-02T11:00:00+02:00")))!),
        3 => ("products", new JsonObject
        {
            ["name"] = "Fuzz tee", ["gtin"] = "4006381333931", ["declaredUnit"] = "1 piece", ["processEnergy"] = 0.5, ["processEnergyUnit"] = "kWh", ["gridFactorId"] = "grid.DE",
            ["bom"] = new JsonArray(new JsonObject { ["kind"] = "material", ["ref"] = "cotton fabric", ["quantity"] = 200, ["unit"] = "g" }, new JsonObject { ["kind"] = "product", ["ref"] = tee, ["quantity"] = 1, ["unit"] = "piece" }),
        }),
        _ => ("batches", new JsonObject { ["productId"] = tee, ["inputLotIds"] = new JsonArray(fabric), ["quantity"] = 10, ["producedAt"] = "2026-04-10T08:00:00+02:00" }),
    };

    /// <summary>One to three mutations: a value replaced by a hostile one (at any depth), a field dropped or added, or the text cut.</summary>
    private static string Mutate(JsonObject body, Random random)
    {
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var target = PickObject(body, random);
            var keys = target.Select(p => p.Key).ToList();
            switch (random.Next(10))
            {
                case < 6 when keys.Count > 0:
                    target[keys[random.Next(keys.Count)]] = HostileValues[random.Next(HostileValues.Length)]?.DeepClone();
                    break;
                case 6 when keys.Count > 0:
                    target.Remove(keys[random.Next(keys.Count)]);
                    break;
                case 7:
                    target["unexpected" + random.Next(100)] = HostileValues[random.Next(HostileValues.Length)]?.DeepClone();
                    break;
                default:
                    break;
            }
        }

        var text = body.ToJsonString();
        return random.Next(8) == 0 ? text[..random.Next(text.Length)] : text;
    }

    private static JsonObject PickObject(JsonObject root, Random random)
    {
        var objects = new List<JsonObject> { root };
        void Walk(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                objects.Add(o);
                foreach (var (_, child) in o)
                {
                    Walk(child);
                }
            }
            else if (node is JsonArray a)
            {
                foreach (var child in a)
                {
                    Walk(child);
                }
            }
        }

        foreach (var (_, child) in root)
        {
            Walk(child);
        }

        return objects[random.Next(objects.Count)];
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;
}
