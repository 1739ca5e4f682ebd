using System.Security.Claims;
using EsgTrace.Accounts;
using EsgTrace.Analysis;
using EsgTrace.Domain;
using EsgTrace.Factors;
using EsgTrace.Portal.Auth;
using EsgTrace.Portal.Services;
using EsgTrace.SupplyChain;
using EsgTrace.Traceability;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using static EsgTrace.Portal.Api.ProblemResults;

namespace EsgTrace.Portal.Api;

/// <summary>
/// Suppliers, certificates, lots, shipments, products and batches. Writes are PUTs by client-chosen id, so a retried request
/// changes nothing; changing a recorded lot or shipment is a correction (a new event naming the version it corrects).
/// </summary>
public static class SupplyChainApi
{
    public static IEndpointRouteBuilder MapSupplyChainApi(this IEndpointRouteBuilder app)
    {
        // Figures (products, their footprints, traceability shares and lineage) for every figures role; the records behind
        // them (suppliers, lots, shipments, batches) for the supply-chain and audit roles only (docs/architecture.md, "Roles").
        var read = app.MapGroup("/api").RequireAuthorization(Policies.FiguresRead).WithTags("Supply chain");
        var records = app.MapGroup("/api").RequireAuthorization(Policies.SupplyChain).WithTags("Supply chain");
        var write = app.MapGroup("/api").RequireAuthorization(Policies.SupplyChainWrite).WithTags("Supply chain");

        write.MapPut("/suppliers/{id}", (string id, SupplierInput body, string? reason, ClaimsPrincipal user, SupplyChainService s) => Reply(s.SaveSupplierAsync(id, body, reason, user.Actor())))
            .WithName("SaveSupplier").WithSummary("Register a supplier, or edit it (with an optional reason) if it exists.");
        write.MapPost("/suppliers/{id}/certificates", (string id, CertificateRequest body, ClaimsPrincipal user, SupplyChainService s) => AddCertificate(id, body, user, s))
            .WithName("AddCertificate").WithSummary("Add a certificate; its evidence document (base64, at most 5 MiB) is stored with its SHA-256.");
        records.MapGet("/suppliers", (string? after, int? pageSize, SupplyChainService s) => s.ListAsync<SupplierView>(SupplyChainLists.Suppliers, after, pageSize ?? 100))
            .WithName("ListSuppliers").WithSummary("Suppliers by id, a page at a time.");
        records.MapGet("/suppliers/{id}", (string id, SupplyChainService s) => Found(s.GetSupplierAsync(id), "supplier", id)).WithName("GetSupplier");

        write.MapPut("/lots/{id}", (string id, LotInput body, ClaimsPrincipal user, SupplyChainService s) => Reply(s.RecordLotAsync(id, body, user.Actor())))
            .WithName("RecordLot").WithSummary("Record a material lot (idempotent by id).");
        write.MapPost("/lots/{id}/corrections", async (string id, Correction<LotInput> body, ClaimsPrincipal user, SupplyChainService s) => body.Record is null ? MissingRecord<LotView>() : await Reply(s.CorrectLotAsync(id, body.Record, body.Corrects, body.Reason, user.Actor())))
            .WithName("CorrectLot").WithSummary("Correct a lot: a new event that names the version it corrects and why.");
        records.MapGet("/lots", (string? after, int? pageSize, SupplyChainService s) => s.ListAsync<LotView>(SupplyChainLists.Lots, after, pageSize ?? 100)).WithName("ListLots");
        records.MapGet("/lots/{id}", (string id, SupplyChainService s) => Found(s.GetLotAsync(id), "lot", id)).WithName("GetLot");
        records.MapGet("/lots/{id}/movements", (string id, SupplyChainService s) => Found(s.GetLotMovementsAsync(id), "lot", id))
            .WithName("GetLotMovements").WithSummary("The lot's mass-balance ledger: each shipment (kg, from, to, mode, km) and batch (kg consumed, where) that took from it.");

        write.MapPut("/shipments/{id}", (string id, ShipmentInput body, ClaimsPrincipal user, SupplyChainService s) => Reply(s.RecordShipmentAsync(id, body, user.Actor())))
            .WithName("RecordShipment").WithSummary("Record a shipment of lots (idempotent by id).");
        write.MapPost("/shipments/{id}/corrections", async (string id, Correction<ShipmentInput> body, ClaimsPrincipal user, SupplyChainService s) => body.Record is null ? MissingRecord<ShipmentView>() : await Reply(s.CorrectShipmentAsync(id, body.Record, body.Corrects, body.Reason, user.Actor())))
            .WithName("CorrectShipment").WithSummary("Correct a shipment: a new event that names the version it corrects and why.");
        records.MapGet("/shipments", ListShipments)
            .WithName("ListShipments").WithSummary("Shipments in departure order, a page at a time (pass the previous page's nextAfterKey as 'after'); filter by mode or by lot.");
        records.MapGet("/shipments/{id}", (string id, SupplyChainService s) => Found(s.GetShipmentAsync(id), "shipment", id)).WithName("GetShipment");

        write.MapPut("/products/{id}", (string id, ProductInput body, ClaimsPrincipal user, SupplyChainService s) => Reply(s.DefineProductAsync(id, body, user.Actor())))
            .WithName("DefineProduct").WithSummary("Define or redefine a product: bill of materials per declared unit, process energy and grid.");
        read.MapGet("/products", (string? after, int? pageSize, SupplyChainService s) => s.ListAsync<ProductView>(SupplyChainLists.Products, after, pageSize ?? 100)).WithName("ListProducts");
        read.MapGet("/products/{id}", (string id, SupplyChainService s) => Found(s.GetProductAsync(id), "product", id)).WithName("GetProduct");
        read.MapGet("/products/{id}/footprint", Footprint).WithName("GetProductFootprint")
            .WithSummary("Cradle-to-gate footprint per declared unit (kg CO2e) with breakdowns and lineage; 'dataset' picks a factor dataset version; 'terms' limits how many terms (with their arithmetic) are listed, 'termsAfter' pages on.");
        read.MapGet("/products/{id}/traceability", Traceability).WithName("GetProductTraceability")
            .WithSummary("Upstream tree, flags and mass-balance shares; format=csv gives one row per lot; 'nodes' limits how many direct input lots (with their upstream) are listed, 'nodesAfter' pages on.");
        read.MapGet("/products/{id}/lineage", Lineage).WithName("GetProductLineage").WithSummary("Inputs with content hashes, dataset, calculator and root hash of the footprint and the traceability; ?format=prov for W3C PROV-JSON, ?format=openlineage for OpenLineage run events.");

        write.MapPut("/batches/{id}", (string id, BatchInput body, ClaimsPrincipal user, SupplyChainService s) => Reply(s.RecordBatchAsync(id, body, user.Actor())))
            .WithName("RecordBatch").WithSummary("Record a production batch: input lots → declared units of a product.");
        records.MapGet("/batches/{id}", (string id, SupplyChainService s) => Found(s.GetBatchAsync(id), "batch", id)).WithName("GetBatch");
        records.MapGet("/batches/{id}/traceability", async (string id, SupplyChainService s) => Reply(await s.TraceBatchAsync(id))).WithName("GetBatchTraceability");

        read.MapGet("/factor-datasets/starter", (SupplyChainService s) => TypedResults.Ok(s.StarterFactors())).WithName("GetStarterFactors").WithSummary("The factor dataset EsgTrace ships, each factor with source and licence.");
        write.MapPost("/factor-datasets", async (FactorCatalog body, ClaimsPrincipal user, SupplyChainService s) => body.Dataset?.Id is null || body.Dataset.Version is null || body.Dataset.Factors is null || body.TransportFactorIds is null
                ? (Results<Ok<FactorCatalog>, ProblemHttpResult>)ProblemResults.Invalid("dataset", "Send a dataset with id, version, title, publisher, licence and factors, and the transport factor ids.")
                : await Reply(s.ImportFactorsAsync(body, user.Actor())))
            .WithName("ImportFactors").WithSummary("Import a new version of a factor dataset; versions are immutable.");
        return app;
    }

    private static async Task<Results<Ok<Page<ShipmentSummary>>, ProblemHttpResult>> ListShipments(string? after, int? pageSize, string? mode, string? lot, SupplyChainService s)
    {
        var partition = SupplyChainLists.All;
        if (mode is not null && lot is not null)
        {
            return ProblemResults.Invalid("mode", "Filter by mode or by lot, not both.");
        }

        if (mode is not null)
        {
            if (!Enum.TryParse<TransportMode>(mode.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var m) || !Enum.IsDefined(m))
            {
                return ProblemResults.Invalid("mode", "'mode' is one of road, rail, sea, air, inland-waterway.");
            }

            partition = SupplyChainLists.ModePartition(m);
        }
        else if (lot is not null)
        {
            if (!Validation.IsId(lot))
            {
                return ProblemResults.Invalid("lot", "'lot' must be a lot id.");
            }

            partition = SupplyChainLists.LotPartition(lot);
        }

        return TypedResults.Ok(await s.ListAsync<ShipmentSummary>(SupplyChainLists.Shipments, after, pageSize ?? 100, partition));
    }

    private static async Task<Results<Ok<SupplierView>, ProblemHttpResult>> AddCertificate(string id, CertificateRequest body, ClaimsPrincipal user, SupplyChainService s)
    {
        byte[]? evidence = null;
        if (body.EvidenceBase64 is not null)
        {
            try
            {
                evidence = Convert.FromBase64String(body.EvidenceBase64);
            }
            catch (FormatException)
            {
                return ProblemResults.Invalid("evidenceBase64", "'evidenceBase64' is not valid base64.");
            }
        }

        var input = new CertificateInput(body.Scheme ?? string.Empty, body.Number ?? string.Empty, body.ValidFrom, body.ValidTo, null, null);
        return Reply(await s.AddCertificateAsync(id, input, evidence, body.EvidenceContentType, user.Actor()));
    }

    private static async Task<Results<Ok<FootprintResponse>, ProblemHttpResult>> Footprint(string id, string? dataset, int? terms, int? termsAfter, SupplyChainService s)
    {
        if (terms is < 0 || termsAfter is < 0)
        {
            return ProblemResults.Invalid("terms", "'terms' and 'termsAfter' are zero or more.");
        }

        var outcome = await s.FootprintAsync(id, dataset);
        if (!outcome.IsOk)
        {
            return outcome.Problem!.ToProblem();
        }

        var a = outcome.Value!;
        if (a.Footprint is null)
        {
            return TypedResults.Problem(a.Problem, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The footprint cannot be computed yet.");
        }

        var f = a.Footprint;
        var listed = f.Contributions.Skip(termsAfter ?? 0).Take(terms ?? int.MaxValue).ToList();
        return TypedResults.Ok(new FootprintResponse(
            a.ProductId, a.ProductName, f.DeclaredUnit, f.TotalKgCo2e, Footprints.FootprintResult.Unit, f.MethodText,
            f.ByStage.ToDictionary(k => k.Key.ToString(), k => k.Value), f.ByMaterial, f.BySupplier, f.PrimaryDataShare,
            listed, a.Dataset.ToString(), f.CalculatorVersion, a.Lineage!.RootSha256, a.Period, f.Contributions.Count));
    }

    private static async Task<IResult> Traceability(string id, string? format, int? nodes, int? nodesAfter, ClaimsPrincipal user, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization, SupplyChainService s)
    {
        // The tree names lots, suppliers and certificates: supplier records. Figures roles get the shares alone.
        var records = (await authorization.AuthorizeAsync(user, null, Policies.SupplyChain)).Succeeded;
        if (!records && string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("The per-lot CSV lists suppliers, lots and certificates: it is for the supply-chain and audit roles. The shares are in the JSON answer.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.");
        }

        if (nodes is < 0 || nodesAfter is < 0)
        {
            return ProblemResults.Invalid("nodes", "'nodes' and 'nodesAfter' are zero or more.");
        }

        var outcome = await s.TraceabilityAsync(id);
        if (!outcome.IsOk)
        {
            return outcome.Problem!.ToProblem();
        }

        var t = records ? outcome.Value!.Result : TraceabilityShares.Of(outcome.Value!.Result);
        return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.Text(TraceabilityCsv.Write(t), "text/csv; charset=utf-8")
            : TypedResults.Ok(new TraceabilityResponse(
                nodes is null && nodesAfter is null ? t : t with { Tree = t.Tree.Skip(nodesAfter ?? 0).Take(nodes ?? int.MaxValue).ToList() },
                TraceabilityResult.Method,
                outcome.Value.Lineage.RootSha256,
                outcome.Value.Result.Tree.Count));
    }

    private static async Task<IResult> Lineage(string id, string? dataset, string? format, SupplyChainService s, NodaTime.IClock clock)
    {
        if (!LineageExport.IsKnown(format))
        {
            return LineageExport.UnknownFormat();
        }

        var outcome = await s.AnalyzeProductAsync(id, dataset);
        if (!outcome.IsOk)
        {
            return outcome.Problem!.ToProblem();
        }

        var a = outcome.Value!;
        return LineageExport.Render(format, $"lineage-{id}", LineageExport.Records(a), clock.GetCurrentInstant())
            ?? TypedResults.Ok(new LineageResponse(a.FootprintLineage, a.FootprintProblem, a.TraceabilityLineage));
    }

    private static Results<Ok<T>, ProblemHttpResult> MissingRecord<T>() => ProblemResults.Invalid("record", "Send the corrected record in 'record', the version it corrects in 'corrects' and why in 'reason'.");
}

/// <summary>Body of a correction: the corrected record, the version it corrects and why.</summary>
public sealed record Correction<T>(T Record, long Corrects, string Reason);

/// <summary>Body of POST /api/suppliers/{id}/certificates.</summary>
public sealed record CertificateRequest(string? Scheme, string? Number, LocalDate ValidFrom, LocalDate ValidTo, string? EvidenceBase64, string? EvidenceContentType);

/// <summary>A footprint as the API returns it: the figure, its unit and method, breakdowns, terms, dataset and lineage root.</summary>
public sealed record FootprintResponse(
    string ProductId, string ProductName, string DeclaredUnit, decimal TotalKgCo2e, string Unit, string Method,
    IReadOnlyDictionary<string, decimal> ByStage, IReadOnlyDictionary<string, decimal> ByMaterial, IReadOnlyDictionary<string, decimal> BySupplier,
    decimal PrimaryDataShare, IReadOnlyList<Footprints.FootprintContribution> Contributions, string Dataset, string Calculator, string LineageRootSha256,
    ReportingPeriod? ReportingPeriod, int TermCount);

/// <summary>Traceability as the API returns it; <see cref="TreeCount"/> is the number of direct input lots in the whole tree (the tree may be paged with 'nodes').</summary>
public sealed record TraceabilityResponse(TraceabilityResult Result, string Method, string LineageRootSha256, int TreeCount);

public sealed record LineageResponse(Lineage.LineageRecord? Footprint, string? FootprintProblem, Lineage.LineageRecord Traceability);
