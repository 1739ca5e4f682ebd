using EsgTrace.Claims;
using EsgTrace.Analysis;
using EsgTrace.Domain;
using EsgTrace.Factors;
using EsgTrace.SupplyChain;
using EsgTrace.Traceability;

namespace EsgTrace.Portal.Services;

/// <summary>The portal's and API's door to the supply-chain grains. Null lists from JSON become empty lists here.</summary>
public sealed class SupplyChainService(IGrainFactory grains)
{
    public const int MaxEvidenceBytes = 5 * 1024 * 1024;

    public Task<Outcome<SupplierView>> SaveSupplierAsync(string id, SupplierInput input, string? reason, string actor)
        => WithId(id, async () =>
        {
            var grain = grains.GetGrain<ISupplierGrain>(id);
            return await grain.Get() is null ? await grain.Register(input, actor) : await grain.Edit(input, reason, actor);
        });

    /// <summary>Stores the evidence document (if any) by its SHA-256, then records the certificate with that hash.</summary>
    public Task<Outcome<SupplierView>> AddCertificateAsync(string supplierId, CertificateInput input, byte[]? evidence, string? contentType, string actor)
        => WithId(supplierId, async () =>
        {
            if (evidence is { Length: > MaxEvidenceBytes })
            {
                return DomainProblem.Invalid("evidence", $"The evidence document is {evidence.Length:N0} bytes; the limit is {MaxEvidenceBytes:N0}.");
            }

            var grain = grains.GetGrain<ISupplierGrain>(supplierId);
            if (await grain.Get() is null)
            {
                return new DomainProblem(ProblemKind.NotFound, "No such supplier.", $"Supplier '{supplierId}' is not registered.");
            }

            var validation = SupplierRules.Check(input with { EvidenceSha256 = null });
            if (!validation.IsValid)
            {
                return validation.ToProblem();
            }

            if (evidence is { Length: > 0 })
            {
                var info = await grains.GetGrain<IDocumentStoreGrain>(0).Store("certificates", supplierId, evidence, contentType ?? "application/octet-stream");
                input = input with { EvidenceSha256 = info.Sha256, EvidenceBlob = $"certificates/{info.Name}" };
            }

            return await grain.AddCertificate(input, actor);
        });

    public Task<Outcome<LotView>> RecordLotAsync(string id, LotInput input, string actor)
        => WithId(id, () => grains.GetGrain<IMaterialLotGrain>(id).Record(Normalize(input), actor));

    public Task<Outcome<LotView>> CorrectLotAsync(string id, LotInput input, long corrects, string reason, string actor)
        => WithId(id, () => grains.GetGrain<IMaterialLotGrain>(id).Correct(Normalize(input), corrects, reason ?? string.Empty, actor));

    public Task<Outcome<ShipmentView>> RecordShipmentAsync(string id, ShipmentInput input, string actor)
        => WithId(id, () => grains.GetGrain<IShipmentGrain>(id).Record(Normalize(input), actor));

    public Task<Outcome<ShipmentView>> CorrectShipmentAsync(string id, ShipmentInput input, long corrects, string reason, string actor)
        => WithId(id, () => grains.GetGrain<IShipmentGrain>(id).Correct(Normalize(input), corrects, reason ?? string.Empty, actor));

    public Task<Outcome<ProductView>> DefineProductAsync(string id, ProductInput input, string actor)
        => WithId(id, () => grains.GetGrain<IProductGrain>(id).Define(input with { Bom = input.Bom ?? [] }, actor));

    public Task<Outcome<BatchView>> RecordBatchAsync(string id, BatchInput input, string actor)
        => WithId(id, () => grains.GetGrain<IProductionBatchGrain>(id).Record(input with { InputLotIds = input.InputLotIds ?? [] }, actor));

    public Task<SupplierView?> GetSupplierAsync(string id) => Validation.IsId(id) ? grains.GetGrain<ISupplierGrain>(id).Get() : Task.FromResult<SupplierView?>(null);

    public Task<LotView?> GetLotAsync(string id) => Validation.IsId(id) ? grains.GetGrain<IMaterialLotGrain>(id).Get() : Task.FromResult<LotView?>(null);

    public Task<IReadOnlyList<MassBalance.LotMovement>?> GetLotMovementsAsync(string id) => Validation.IsId(id) ? grains.GetGrain<IMaterialLotGrain>(id).Movements() : Task.FromResult<IReadOnlyList<MassBalance.LotMovement>?>(null);

    public Task<ShipmentView?> GetShipmentAsync(string id) => Validation.IsId(id) ? grains.GetGrain<IShipmentGrain>(id).Get() : Task.FromResult<ShipmentView?>(null);

    public Task<ProductView?> GetProductAsync(string id) => Validation.IsId(id) ? grains.GetGrain<IProductGrain>(id).Get() : Task.FromResult<ProductView?>(null);

    public Task<BatchView?> GetBatchAsync(string id) => Validation.IsId(id) ? grains.GetGrain<IProductionBatchGrain>(id).Get() : Task.FromResult<BatchView?>(null);

    public Task<Outcome<ProductAnalysis>> AnalyzeProductAsync(string id, string? dataset)
        => WithId(id, () => grains.GetGrain<IProductAnalysisGrain>(0).AnalyzeProduct(id, dataset));

    /// <summary>The product's footprint alone, kept current by its figures grain (what a footprint read needs).</summary>
    public Task<Outcome<ProductFootprint>> FootprintAsync(string id, string? dataset)
        => WithId(id, () => grains.GetGrain<IProductFiguresGrain>(id).Footprint(dataset));

    /// <summary>The product's traceability alone, kept current by its figures grain.</summary>
    public Task<Outcome<ProductTraceability>> TraceabilityAsync(string id)
        => WithId(id, () => grains.GetGrain<IProductFiguresGrain>(id).Traceability());

    public Task<Outcome<TraceabilityResult>> TraceBatchAsync(string id)
        => WithId(id, () => grains.GetGrain<IProductAnalysisGrain>(0).TraceBatch(id));

    public Task<Outcome<FactorCatalog>> ImportFactorsAsync(FactorCatalog catalog, string actor)
        => grains.GetGrain<IFactorDatasetGrain>(catalog.Dataset.Ref.ToString()).Import(catalog, actor);

    public Task<EsgTrace.Domain.Page<T>> ListAsync<T>(string index, string? after, int pageSize, string partition = SupplyChainLists.All)
        => grains.GetGrain<ISupplyChainDirectoryGrain>(0).List<T>(index, partition, after, pageSize);

    /// <summary>The factor dataset EsgTrace ships (what GET /api/factor-datasets/starter answers).</summary>
    public FactorCatalog StarterFactors() => FactorCatalog.Starter;

    /// <summary>The starter dataset's grid electricity factors (per unit of energy), for a product's process energy.</summary>
    public IReadOnlyList<EmissionFactor> GridFactors()
        => StarterFactors().Dataset.Factors.Where(f => f.PerUnit.Dimension == Units.Dimension.Energy).OrderBy(f => f.Name, StringComparer.Ordinal).ToList();

    /// <summary>A product's production batches, a page at a time.</summary>
    public Task<EsgTrace.Domain.Page<BatchView>> ListBatchesAsync(string productId, string? after, int pageSize)
        => Validation.IsId(productId) ? ListAsync<BatchView>(SupplyChainLists.Batches, after, pageSize, productId) : Task.FromResult(new EsgTrace.Domain.Page<BatchView>([], null));

    /// <summary>
    /// Records of one kind whose id or name contains <paramref name="text"/> (ignoring case), for search-as-you-type: an exact id
    /// first, then the index paged through in id order until <paramref name="max"/> are found or <see cref="MaxScanned"/> entries
    /// were read (<see cref="PickResult.More"/> then says more may match).
    /// </summary>
    public async Task<PickResult> SearchAsync(PickKind kind, string? text, int max, CancellationToken cancellation = default)
    {
        var query = (text ?? string.Empty).Trim();
        var found = new List<PickItem>();
        if (Validation.IsId(query) && await FindAsync(kind, query) is { } exact)
        {
            found.Add(exact);
        }

        string? after = null;
        var scanned = 0;
        do
        {
            cancellation.ThrowIfCancellationRequested();
            var page = kind switch
            {
                PickKind.Lot => Items(await ListAsync<LotView>(SupplyChainLists.Lots, after, ScanPage), PickItem.Of),
                PickKind.Supplier => Items(await ListAsync<SupplierView>(SupplyChainLists.Suppliers, after, ScanPage), PickItem.Of),
                _ => Items(await ListAsync<ProductView>(SupplyChainLists.Products, after, ScanPage), PickItem.Of),
            };
            scanned += page.Items.Count;
            found.AddRange(page.Items.Where(i => i.Matches(query) && !found.Any(f => f.Id == i.Id)).Take(max + 1 - found.Count));
            after = page.Next;
        }
        while (after is not null && found.Count <= max && scanned < MaxScanned);

        return new PickResult(found.Take(max).ToList(), found.Count > max || (after is not null && scanned >= MaxScanned));
    }

    /// <summary>The material names recorded lots use (what bill-of-materials lines are matched against), at most <see cref="MaxScanned"/> lots read.</summary>
    public async Task<IReadOnlyList<string>> MaterialNamesAsync(CancellationToken cancellation = default)
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        string? after = null;
        var scanned = 0;
        do
        {
            cancellation.ThrowIfCancellationRequested();
            var page = await ListAsync<LotView>(SupplyChainLists.Lots, after, ScanPage);
            names.UnionWith(page.Items.Select(l => l.Lot.Material));
            scanned += page.Items.Count;
            after = page.NextAfterKey;
        }
        while (after is not null && scanned < MaxScanned);

        return names.ToList();
    }

    /// <summary>One record as a pick-list entry, or null when there is none with that id.</summary>
    public async Task<PickItem?> FindAsync(PickKind kind, string id) => kind switch
    {
        PickKind.Lot => await GetLotAsync(id) is { } lot ? PickItem.Of(lot) : null,
        PickKind.Supplier => await GetSupplierAsync(id) is { } supplier ? PickItem.Of(supplier) : null,
        _ => await GetProductAsync(id) is { } product ? PickItem.Of(product) : null,
    };

    /// <summary>How many index entries one search reads at most (about a second on the embedded store).</summary>
    public const int MaxScanned = 5000;

    private const int ScanPage = 250;

    private static (IReadOnlyList<PickItem> Items, string? Next) Items<T>(EsgTrace.Domain.Page<T> page, Func<T, PickItem> map) => (page.Items.Select(map).ToList(), page.NextAfterKey);

    private static LotInput Normalize(LotInput input) => input with { InputLotIds = input.InputLotIds ?? [], Factor = input.Factor ?? new LotFactorInput(FactorSourceKind.Primary, null, null, null, null) };

    private static ShipmentInput Normalize(ShipmentInput input) => input with { LotIds = input.LotIds ?? [] };

    private static Task<Outcome<T>> WithId<T>(string id, Func<Task<Outcome<T>>> call)
        => Validation.IsId(id) ? call() : Task.FromResult(Outcome<T>.Fail(DomainProblem.Invalid("id", "An id is 1-100 characters: letters, digits, '.', '-', '_' or ':'.")));
}
