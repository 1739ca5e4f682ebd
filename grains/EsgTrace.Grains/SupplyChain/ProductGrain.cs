using EsgTrace.Audit;
using EsgTrace.Domain;
using EsgTrace.EventSourcing;
using EsgTrace.Footprints;
using EsgTrace.Storage;
using NodaTime;

namespace EsgTrace.SupplyChain;

/// <summary>A product definition, versioned by its events.</summary>
public sealed class ProductGrain(
    [PersistentState("product")] IPersistentState<ProductState> snapshot,
    IEventLog log,
    IIndexStore index,
    IAuditTrail audit,
    IClock clock) : Grain, IProductGrain
{
    private readonly Analysis.FigureWatchers _watchers = new();

    private const int MaxDepth = 20;
    private EventJournal<ProductState, ProductEvent> _journal = null!;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(SupplyChainStreams.Product(Id), snapshot, log, ProductState.Apply);
        return _journal.CatchUpAsync();
    }

    public async Task<Outcome<ProductView>> Define(ProductInput input, string actor)
    {
        var check = ProductRules.Check(input).Check(Validation.IsId(Id), "id", "The product id must be 1-100 characters: letters, digits, '.', '-', '_' or ':'.");
        if (check.IsValid)
        {
            await CheckSubProductsAsync(input, check);
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        if (!_journal.Exists || !SameContent.Of(_journal.State.Product, input))
        {
            var gtinBefore = _journal.State.Product?.Gtin;
            await _journal.AppendAsync(new ProductDefined(input, clock.GetCurrentInstant(), actor));
            await SupplyChainIndexes.PutIdentifierAsync(index, SupplyChainIndexes.ProductsByGtin, Gtin14(gtinBefore), Gtin14(input.Gtin), Id);
            await SupplyChainIndexes.PutAsync(index, SupplyChainIndexes.Products, Id, View());
            await _watchers.NotifyAsync(GrainFactory, new(Analysis.RecordKind.Product, Id));
            await audit.RecordAsync(new AuditRecord(clock.GetCurrentInstant(), actor, "product.defined", "product:" + Id, $"version {_journal.State.Version}"));
        }

        return Outcome<ProductView>.Ok(View());
    }

    public Task<ProductView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

    public Task<ProductView?> GetWatched(string productId)
    {
        _watchers.Add(productId);
        return Get();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _watchers.NotifyAsync(GrainFactory, new(Analysis.RecordKind.Product, Id));

    /// <summary>Every sub-product must exist, and none may lead back to this product (a cycle), however deep.</summary>
    private async Task CheckSubProductsAsync(ProductInput input, Validation check)
    {
        var queue = new Queue<(string Id, List<string> Path)>();
        foreach (var line in input.Bom.Where(l => l.Kind == BomLineKind.SubProduct))
        {
            queue.Enqueue((line.Ref, [Id, line.Ref]));
        }

        while (queue.Count > 0)
        {
            var (id, path) = queue.Dequeue();
            if (id == Id)
            {
                check.Add("bom", $"The bill of materials has a cycle: {string.Join(" → ", path)}.");
                return;
            }

            if (path.Count > MaxDepth)
            {
                check.Add("bom", $"Sub-products nest more than {MaxDepth} levels deep.");
                return;
            }

            var sub = await GrainFactory.GetGrain<IProductGrain>(id).Get();
            if (sub is null)
            {
                check.Add("bom", $"Sub-product '{id}' is not defined.");
                continue;
            }

            foreach (var line in sub.Product.Bom.Where(l => l.Kind == BomLineKind.SubProduct))
            {
                queue.Enqueue((line.Ref, [.. path, line.Ref]));
            }
        }
    }

    /// <summary>GTIN-8/12/13/14 as the 14 digits EPCIS identifiers carry.</summary>
    public static string? Gtin14(string? gtin) => SupplyChainLists.Gtin14(gtin);

    private ProductView View() => new(Id, _journal.State.Product!, _journal.State.Version, _journal.State.UpdatedAt, _journal.State.UpdatedBy);
}
