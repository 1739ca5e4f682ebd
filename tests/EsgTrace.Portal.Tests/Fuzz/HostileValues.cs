using System.Globalization;
using System.Text;
using CsCheck;

namespace EsgTrace.Portal.Tests.Fuzz;

/// <summary>
/// The generators of hostile values the fuzz test draws from: path segments, query values, JSON fragments and raw bodies.
/// Plausible values come first in each list, so CsCheck's shrinking (towards the first choices) ends on the least odd input.
/// </summary>
public static class HostileValues
{
    /// <summary>Strings that break naive code: control characters, bidi overrides, lone surrogates, traversal, injection.</summary>
    public static readonly string[] Strings =
    [
        "x", "", " ", "a:b", "..", "a/b", "a\\b", "%2F", "\u0000", "\uFEFF", "\u202Eevil", "🧵🌍", "e\u0301", "日本語", "\uD800", "\uDC00x",
        "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "=cmd|' /C calc'!A0", "${jndi:ldap://x}", "CON", "\r\nX-Injected: 1",
        "null", "NaN", "Infinity", "-1", "1e309", "2026-02-30", "2026-13-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
        "-000001-01-01", "P1D", "kg", "furlongs", "t CO2e", "road", "json", "prov", "openlineage", "DE", "grid.DE", "aws:eu-central-1",
        new string('x', 600), new string('y', 5_000), string.Concat(Enumerable.Repeat("🧵", 3_000)),
    ];

    /// <summary>Ids of the records <see cref="ApiFuzzTests"/> records before it starts, so generated calls reach records that exist.</summary>
    public static readonly string[] KnownIds = ["fz-tee", "fz-F", "fz-C", "fz-farm", "fz-mill", "fz-S1", "fz-B1", "fz-claim", "fz-draft", "fz-api"];

    /// <summary>Path segments as sent on the wire (already escaped where the raw text would not survive a URL).</summary>
    public static readonly Gen<string> PathSegment = Gen.Frequency(
        (3, Gen.OneOf(KnownIds)),
        (3, Gen.OneOf("fz-1", "sup-1", "lot-1", "claim-1", "urn:epc:id:sgtin:4012345.011111.1", "4012345000009", "fz_2.b-3")),
        (4, Gen.OneOf(Strings).Select(JsonText.EscapeSegment)),
        (2, Gen.OneOf("a:b", "..", "a/b", "%2F", "a%2Fb", "%2E%2E", "..%2F..%2Fetc", "%00", "%", "%zz", "%FF%FE", "a%3Fb=1", "a%23b", "~", "%20", ";x=1", "a.json", "")),
        (1, Gen.Int[1, 9_000].Select(n => new string('i', n))),
        (1, Gen.String[Gen.Char["a-zA-Z0-9:._~-"], 1, 40]));

    /// <summary>Query values for an integer parameter: in range, at and past the bounds, not numbers at all.</summary>
    public static readonly Gen<string> IntegerText = Gen.Frequency(
        (3, Gen.Int[-5, 200].Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (3, Gen.OneOf("0", "-1", "-2147483648", "2147483647", "2147483648", "-2147483649", "99999999999999999999999", "1.5", "1e3", " 1", "0x10", "", "abc", "٣")),
        (1, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))));

    /// <summary>Query values for a string parameter.</summary>
    public static readonly Gen<string> QueryText = Gen.Frequency(
        (3, Gen.OneOf("2025-01-01", "2026-01-01", "2025-01-31", "json", "prov", "openlineage", "road", "sea", "aws", "azure", "gcp",
            "on-premises", "fz-1", "sup-1", "lot-1", "true", "starter", "ecoinvent-3.10")),
        (2, Gen.OneOf(KnownIds)),
        (4, Gen.OneOf(Strings)),
        (1, Gen.String[Gen.Char, 0, 30]));

    /// <summary>Numbers as JSON text: ordinary, extreme, beyond double and decimal, negative zero, subnormal.</summary>
    public static readonly Gen<string> JsonNumber = Gen.Frequency(
        (4, Gen.OneOf("0", "1", "12.5", "100", "1000", "0.25", "50")),
        (3, Gen.OneOf("-1", "-0", "-0.0001", "1e308", "-1e308", "1e400", "4.9e-324", "1e-400", "79228162514264337593543950336",
            "-79228162514264337593543950336", "9223372036854775808", "-9223372036854775809", "2147483648", "123456789012345678901234567890.123456789",
            "0.30000000000000004", "1E+2", "1e0")),
        (1, Gen.Double.Select(d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0")));

    /// <summary>Integers as JSON text: in range, at and past the 32- and 64-bit bounds, and fractions where a whole number is due.</summary>
    public static readonly Gen<string> JsonInteger = Gen.Frequency(
        (4, Gen.Int[-5, 200].Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("2147483647", "2147483648", "-2147483649", "9223372036854775808", "1.5", "1e3", "-0", "1e400")),
        (1, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))));

    /// <summary>JSON fragments of the wrong shape or with extreme content, put where any value was due.</summary>
    public static readonly Gen<string> JsonFragment = Gen.Frequency(
        (4, Gen.OneOf("null", "\"\"", "true", "false", "0", "[]", "{}", "[null]", "{\"\":null}", "\"12\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"",
            "\"1e400\"", "\"2026-02-30\"", "\"2026-13-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"0001-01-01T00:00:00Z\"", "{\"a\":1,\"a\":2}",
            "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u202eevil\"", "\"\\\\\"", "{\"$ref\":\"#\"}", "[1,\"x\",null,{}]")),
        (3, JsonNumber),
        (3, Gen.OneOf(Strings).Select(JsonText.Quote)),
        (1, Gen.Int[1, 120].Select(d => new string('[', d) + new string(']', d))),
        (1, Gen.Int[1, 100].Select(d => string.Concat(Enumerable.Repeat("{\"a\":", d)) + "1" + new string('}', d))),
        (1, Gen.Int[1, 200_000].Select(n => JsonText.Quote(new string('z', n)))),
        (1, Gen.Int[1, 2_000].Select(n => "[" + string.Join(",", Enumerable.Repeat("1", n)) + "]")));

    /// <summary>Bodies that are not (well-formed) JSON at all.</summary>
    public static readonly Gen<byte[]> RawBody = Gen.Frequency(
        (4, Gen.OneOf("", " ", "not json", "{", "}", "{\"a\":", "[", "nul", "\"unterminated", "{'a':1}", "\uFEFF{}", "{} {}", "{}garbage", "1e999999",
            "null", "[]", "\"str\"", "123", "true", "<xml/>", "a,b,c\n1,2,3\n", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
            "grant_type=client_credentials", "--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--x--\r\n",
            "workload_id,period_start,period_end,provider,region,vcpu_hours,memory_gb_hours,ssd_tb_hours,hdd_tb_hours,network_gb\nw:1,2025-01-01,2025-01-31,aws,eu-central-1,-1,=1+1,x,,1e400\n",
            "region,hour_utc,kg_co2e_per_kwh\naws:eu-central-1,25,NaN\n,,\n\"unclosed,1,2\n",
            "{\"specversion\":\"1.0\",\"id\":\"fz-e1\",\"source\":\"//fuzz\",\"time\":\"2025-01-01T00:00:00Z\",\"type\":\"org.wbcsd.pathfinder.ProductFootprint.Published.v1\",\"data\":{\"pfIds\":[null,\"\\ud800\",{}]}}",
            "{\"specversion\":\"1.0\",\"id\":\"\",\"source\":\"\",\"type\":\"org.wbcsd.pathfinder.ProductFootprintRequest.Created.v1\",\"data\":{\"pf\":{\"productIds\":[1e400]},\"comment\":[]}}",
            "{\"rows\":[{\"workloadId\":\"w:1\",\"periodStart\":\"2025-02-30\",\"periodEnd\":\"2025-01-01\",\"provider\":\"aws\",\"region\":\"\",\"vcpuHours\":-1e308}]}",
            "{\"rows\":null}").Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[1, 200]),
        (1, Gen.OneOf<byte[]>([0xFF, 0xFE, 0x7B, 0x7D], [0xC3, 0x28], [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D], [0xEF, 0xBB, 0xBF])),
        (1, Gen.Int[1, 20_000].Select(d => Encoding.UTF8.GetBytes(new string('[', d)))));

    /// <summary>Content types to send: the declared one most often, then wrong, odd or missing ones.</summary>
    public static Gen<string?> ContentType(IReadOnlyList<string> declared)
    {
        var wrong = Gen.OneOf<string?>(null, "text/plain", "application/xml", "text/csv", "application/pdf", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/json; charset=latin1", "application/ld+json",
            "application/problem+json", "*/*", "garbage/!!", "application/octet-stream");
        return declared.Count == 0
            ? Gen.Frequency((3, Gen.Const<string?>("application/json")), (2, wrong))
            : Gen.Frequency((8, Gen.OneOf(declared.Select(d => (string?)d).ToArray())), (2, wrong));
    }
}
