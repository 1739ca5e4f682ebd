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
    ITableStore tables,
    IClock clock) : Grain, IProductGrain
{
    private readonly FigureWatchers _watchers = new();

    private const int MaxDepth = 20;
    private EventJournal<ProductState, ProductEvent> _journal = null!;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _journal = new(SupplyChainStreams.Product(Id), snapshot, log, ProductEventTypes.All, ProductState.Apply, FollowUpsAsync, GrainContext);
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

        await _journal.FinishPendingAsync();
        if (!_journal.Exists || !SameContent.Of(_journal.State.Product, input))
        {
            await _journal.AppendAsync(new ProductDefined(input, clock.GetCurrentInstant(), actor));
        }

        return Outcome<ProductView>.Ok(View());
    }

    public Task<ProductView?> Get() => Task.FromResult(_journal.Exists ? View() : null);

    public Task<ProductView?> GetWatched(string productId)
    {
        _watchers.Add(productId);
        return Get();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => _watchers.NotifyAsync(GrainFactory, new(RecordKind.Product, Id));

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

    /// <summary>
    /// What a definition owes: the GTIN index moved from the definition it replaces, the list row and one audit record per
    /// definition in one batch, then the figures that read the product are told.
    /// </summary>
    private async Task FollowUpsAsync(IReadOnlyList<JournalEntry<ProductEvent>> changes)
    {
        foreach (var c in changes)
        {
            if (c.Event is ProductDefined defined)
            {
                var before = c.Version == 1 ? null : (await _journal.StateAtAsync(c.Version - 1)).Product?.Gtin;
                await SupplyChainIndexes.PutIdentifierAsync(index, SupplyChainLists.ProductsByGtin, SupplyChainLists.Gtin14(before), SupplyChainLists.Gtin14(defined.Product.Gtin), Id);
            }
        }

        List<TableWrite> writes = [JsonIndex.PutWrite(index, SupplyChainLists.Products, SupplyChainLists.All, Id, View())];
        writes.AddRange(changes.Select(c => _journal.AuditWrite(audit, c, new AuditRecord(c.Event.At, c.Event.Actor, "product.defined", "product:" + Id, $"version {c.Version}"))));
        await tables.WriteAtomicAsync(writes);
        await _watchers.NotifyAsync(GrainFactory, new(RecordKind.Product, Id));
    }

    /// <summary>GTIN-8/12/13/14 as the 14 digits EPCIS identifiers carry.</summary>
    private ProductView View() => new(Id, _journal.State.Product!, _journal.State.Version, _journal.State.UpdatedAt, _journal.State.UpdatedBy);
}
