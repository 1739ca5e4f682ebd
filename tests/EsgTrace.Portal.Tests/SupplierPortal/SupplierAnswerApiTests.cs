using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using EsgTrace.Accounts;
using Xunit;
using static EsgTrace.Portal.Tests.SupplierPortal.SupplierPortalSetup;

namespace EsgTrace.Portal.Tests.SupplierPortal;

/// <summary>A supplier answers; the brand accepts (the lot's factor and the product footprint change) or rejects (nothing changes).</summary>
[Collection(PortalCollection.Name)]
public sealed class SupplierAnswerApiTests(PortalFixture portal)
{
    [Fact]
    public async Task AnAcceptedFootprint_BecomesTheLotsPrimaryFactor_AndTheProductFootprintFollows()
    {
        using var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        using var auditor = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Auditor));
        var chain = await RecordAsync(supply, Guid.NewGuid().ToString("N")[..8]);
        using var supplier = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Supplier, "supplier system", chain.Supplier));
        // 0.5 kg of the fibre per piece × the brand's estimate of 2 kg CO2e/kg = 1.0 kg CO2e per piece.
        Assert.Equal(1.0m, await FootprintAsync(supply, chain.Product));

        var pcfId = Guid.NewGuid().ToString();
        var document = Encoding.UTF8.GetBytes($"{{\"id\":\"{pcfId}\",\"specVersion\":\"3.0.0\"}}");
        var documentSha = Convert.ToHexStringLower(SHA256.HashData(document));
        var answered = await Json(supplier.PostAsJsonAsync($"/api/supplier-portal/requests/{chain.Request}/footprint", Footprint(pcfId, Convert.ToBase64String(document))));
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        Assert.Equal(documentSha, answered.GetProperty("answers")[0].GetProperty("answer").GetProperty("document").GetProperty("sha256").GetString());
        // Answered is not accepted: the footprint still uses the estimate.
        Assert.Equal(1.0m, await FootprintAsync(supply, chain.Product));
        Assert.Equal(document, await supply.GetByteArrayAsync($"/api/supplier-requests/{chain.Request}/answers/1/document"));

        var accepted = await Json(supply.PostAsJsonAsync($"/api/supplier-requests/{chain.Request}/answers/1/accept", new { reason = "matches the mill's audit" }));
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());

        // 7.5 kg CO2e excl. biogenic uptake per 4 pieces of 2.5 kg → 7.5 ÷ 2.5 = 3 kg CO2e per kg of the lot.
        var lot = await Json(supply.GetAsync($"/api/lots/{chain.Lot}"));
        var factor = lot.GetProperty("lot").GetProperty("factor");
        Assert.Equal("primary", factor.GetProperty("kind").GetString());
        Assert.Equal(3m, factor.GetProperty("kgCo2ePerUnit").GetDecimal());
        Assert.Equal("kg", factor.GetProperty("perUnit").GetString());
        Assert.Equal($"PACT PCF {pcfId}: 7.5 kg CO2e excl. biogenic uptake per 4 piece (2.5 kg), 2025-01-01 to 2026-01-01; supplier request {chain.Request}; document sha256 {documentSha}", factor.GetProperty("source").GetString());
        Assert.Equal(2, lot.GetProperty("version").GetInt64()); // recorded, then corrected
        // The product: 0.5 kg × 3 kg CO2e/kg = 1.5 kg CO2e per piece, all of it primary data.
        Assert.Equal(1.5m, await FootprintAsync(supply, chain.Product));
        // The supplier sees its lot with the figure it gave.
        Assert.Equal(3m, (await Json(supplier.GetAsync($"/api/supplier-portal/lots/{chain.Lot}"))).GetProperty("lot").GetProperty("factor").GetProperty("kgCo2ePerUnit").GetDecimal());

        // Accepting the same answer again changes nothing; a done request takes no more answers.
        Assert.Equal(accepted.GetProperty("version").GetInt64(), (await Json(supply.PostAsJsonAsync($"/api/supplier-requests/{chain.Request}/answers/1/accept", new { }))).GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, (await supplier.PostAsJsonAsync($"/api/supplier-portal/requests/{chain.Request}/footprint", Footprint(Guid.NewGuid().ToString()))).StatusCode);
        Assert.Equal(2, (await Json(supply.GetAsync($"/api/lots/{chain.Lot}"))).GetProperty("version").GetInt64());

        var audit = await AuditAsync(auditor);
        var subject = "supplier-request:" + chain.Request;
        Assert.Contains(audit, r => r.Subject == subject && r.Action == "supplier-request.created");
        Assert.Contains(audit, r => r.Subject == subject && r.Action == "supplier-request.answered" && r.Detail == $"footprint PCF {pcfId}: 7.5 kg CO2e per 4 piece; document sha256 {documentSha}");
        Assert.Contains(audit, r => r.Subject == subject && r.Action == "supplier-request.accepted" && r.Detail == "answer 1: matches the mill's audit");
        Assert.Contains(audit, r => r.Subject == "lot:" + chain.Lot && r.Action == "lot.corrected" && r.Detail == $"supplier footprint accepted (request {chain.Request}, answer 1)");
    }

    [Fact]
    public async Task ARejectedAnswer_ChangesNoFigure_TheSupplierReadsWhy_AndAnswersAgain()
    {
        using var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var chain = await RecordAsync(supply, Guid.NewGuid().ToString("N")[..8]);
        using var supplier = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Supplier, "supplier system", chain.Supplier));
        await Ok(supplier.PostAsJsonAsync($"/api/supplier-portal/requests/{chain.Request}/footprint", Footprint(Guid.NewGuid().ToString())));
        var before = await Json(supply.GetAsync($"/api/supplier-requests/{chain.Request}"));

        // A rejection needs a reason; without one nothing changes.
        using var noReason = await supply.PostAsJsonAsync($"/api/supplier-requests/{chain.Request}/answers/1/reject", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(before.GetRawText(), (await Json(supply.GetAsync($"/api/supplier-requests/{chain.Request}"))).GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, (await supply.PostAsJsonAsync($"/api/supplier-requests/{chain.Request}/answers/2/accept", new { })).StatusCode);
        Assert.Equal(before.GetRawText(), (await Json(supply.GetAsync($"/api/supplier-requests/{chain.Request}"))).GetRawText());

        var rejected = await Json(supply.PostAsJsonAsync($"/api/supplier-requests/{chain.Request}/answers/1/reject", new { reason = "reference period must be 2026" }));
        Assert.Equal("open", rejected.GetProperty("status").GetString());
        // The lot keeps its factor, the product its footprint (0.5 kg × 2 = 1.0).
        var lot = await Json(supply.GetAsync($"/api/lots/{chain.Lot}"));
        Assert.Equal(1, lot.GetProperty("version").GetInt64());
        Assert.Equal(2m, lot.GetProperty("lot").GetProperty("factor").GetProperty("kgCo2ePerUnit").GetDecimal());
        Assert.Equal(1.0m, await FootprintAsync(supply, chain.Product));
        // A rejected answer cannot be accepted afterwards.
        Assert.Equal(HttpStatusCode.Conflict, (await supply.PostAsJsonAsync($"/api/supplier-requests/{chain.Request}/answers/1/accept", new { })).StatusCode);

        var seen = await Json(supplier.GetAsync($"/api/supplier-portal/requests/{chain.Request}"));
        var review = seen.GetProperty("answers")[0].GetProperty("review");
        Assert.False(review.GetProperty("accepted").GetBoolean());
        Assert.Equal("reference period must be 2026", review.GetProperty("reason").GetString());

        // The second answer: 5 kg CO2e per 1 kilogram → 5 kg CO2e/kg; accepted, 0.5 kg × 5 = 2.5 kg CO2e per piece.
        await Ok(supplier.PostAsJsonAsync($"/api/supplier-portal/requests/{chain.Request}/footprint", new
        {
            id = Guid.NewGuid().ToString(), version = 2, declaredUnitOfMeasurement = "kilogram", declaredUnitAmount = 1, productMassPerDeclaredUnit = 1, pcfExcludingBiogenicUptake = 5,
            referencePeriodStart = "2026-01-01T00:00:00Z", referencePeriodEnd = "2027-01-01T00:00:00Z",
        }));
        await Ok(supply.PostAsJsonAsync($"/api/supplier-requests/{chain.Request}/answers/2/accept", new { }));
        Assert.Equal(2.5m, await FootprintAsync(supply, chain.Product));
    }

    [Fact]
    public async Task RefusedAnswers_AreProblemDetails_AndChangeNoState()
    {
        using var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var chain = await RecordAsync(supply, Guid.NewGuid().ToString("N")[..8]);
        using var supplier = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Supplier, "supplier system", chain.Supplier));
        var before = await Json(supply.GetAsync($"/api/supplier-requests/{chain.Request}"));
        var good = new Dictionary<string, object?>
        {
            ["id"] = Guid.NewGuid().ToString(), ["declaredUnitOfMeasurement"] = "kilogram", ["declaredUnitAmount"] = "1", ["productMassPerDeclaredUnit"] = "1",
            ["pcfExcludingBiogenicUptake"] = "2.2", ["referencePeriodStart"] = "2025-01-01T00:00:00Z", ["referencePeriodEnd"] = "2026-01-01T00:00:00Z",
        };

        foreach (var (change, field) in new (Action<Dictionary<string, object?>>, string)[]
        {
            (b => b["id"] = "PCF-42", "footprint.id"),
            (b => b["declaredUnitOfMeasurement"] = "tonne", "footprint.declaredUnitOfMeasurement"),
            (b => b["productMassPerDeclaredUnit"] = "2", "footprint.productMassPerDeclaredUnit"), // kilogram: mass = amount
            (b => b["pcfIncludingBiogenicUptake"] = "2.5", "footprint.pcfIncludingBiogenicUptake"), // incl = excl + uptake ≤ excl
            (b => b["pcfExcludingBiogenicUptake"] = "-1", "footprint.pcfExcludingBiogenicUptake"),
            (b => b["referencePeriodEnd"] = "2024-12-31T00:00:00Z", "footprint.referencePeriodEnd"),
            (b => b.Remove("productMassPerDeclaredUnit"), "productMassPerDeclaredUnit"),
            (b => b["documentBase64"] = "not base64!", "documentBase64"),
        })
        {
            var body = new Dictionary<string, object?>(good);
            change(body);
            using var refused = await supplier.PostAsJsonAsync($"/api/supplier-portal/requests/{chain.Request}/footprint", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var errors = (await refused.ReadJsonAsync()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _) || errors.TryGetProperty(field.Replace("footprint.", string.Empty, StringComparison.Ordinal), out _), $"{field}: {errors}");
        }

        // A certificate to a footprint request is refused too.
        Assert.Equal(HttpStatusCode.BadRequest, (await supplier.PostAsJsonAsync($"/api/supplier-portal/requests/{chain.Request}/certificate", new { scheme = "GOTS", number = "CU-1", validFrom = "2026-01-01", validTo = "2026-12-31" })).StatusCode);
        Assert.Equal(before.GetRawText(), (await Json(supply.GetAsync($"/api/supplier-requests/{chain.Request}"))).GetRawText());

        // One answer waits for review; another meanwhile is refused and the first stays.
        await Ok(supplier.PostAsJsonAsync($"/api/supplier-portal/requests/{chain.Request}/footprint", good));
        var waiting = await Json(supply.GetAsync($"/api/supplier-requests/{chain.Request}"));
        using var second = await supplier.PostAsJsonAsync($"/api/supplier-portal/requests/{chain.Request}/footprint", new Dictionary<string, object?>(good) { ["id"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("An answer is waiting for review.", (await second.ReadJsonAsync()).GetProperty("title").GetString());
        Assert.Equal(waiting.GetRawText(), (await Json(supply.GetAsync($"/api/supplier-requests/{chain.Request}"))).GetRawText());

        // A footprint request for a lot of another supplier is refused at creation.
        var other = await RecordAsync(supply, Guid.NewGuid().ToString("N")[..8]);
        using var wrongLot = await supply.PutAsJsonAsync($"/api/supplier-requests/{chain.Request}-x", new { kind = "footprint", supplierId = chain.Supplier, lotId = other.Lot, message = "yours?" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongLot.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supply.GetAsync($"/api/supplier-requests/{chain.Request}-x")).StatusCode);
    }

    [Fact]
    public async Task AnAcceptedCertificate_IsAddedToTheSupplier_WithItsEvidenceHash()
    {
        using var supply = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.SupplyChain));
        var chain = await RecordAsync(supply, Guid.NewGuid().ToString("N")[..8]);
        using var supplier = portal.Host.CreateApiClient(await ApiTestSupport.IssueKeyAsync(portal.Host, Role.Supplier, "supplier system", chain.Supplier));
        var request = chain.Request + "-cert";
        await Ok(supply.PutAsJsonAsync($"/api/supplier-requests/{request}", new { kind = "certificate", supplierId = chain.Supplier, scheme = "GOTS", message = "Your GOTS certificate." }));
        var evidence = Encoding.UTF8.GetBytes("%PDF-1.7 GOTS scope certificate " + chain.Supplier);

        Assert.Equal(HttpStatusCode.BadRequest, (await supplier.PostAsJsonAsync($"/api/supplier-portal/requests/{request}/certificate", new { scheme = "FSC", number = "FSC-C1", validFrom = "2026-01-01", validTo = "2026-12-31" })).StatusCode);
        await Ok(supplier.PostAsJsonAsync($"/api/supplier-portal/requests/{request}/certificate", new { scheme = "GOTS", number = "CU-777", validFrom = "2026-01-01", validTo = "2026-12-31", evidenceBase64 = Convert.ToBase64String(evidence), evidenceContentType = "application/pdf" }));
        Assert.Empty((await Json(supply.GetAsync($"/api/suppliers/{chain.Supplier}"))).GetProperty("certificates").EnumerateArray());

        await Ok(supply.PostAsJsonAsync($"/api/supplier-requests/{request}/answers/1/accept", new { }));
        var certificate = Assert.Single((await Json(supplier.GetAsync("/api/supplier-portal/supplier"))).GetProperty("certificates").EnumerateArray());
        Assert.Equal("CU-777", certificate.GetProperty("number").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(evidence)), certificate.GetProperty("evidenceSha256").GetString());
    }
}
