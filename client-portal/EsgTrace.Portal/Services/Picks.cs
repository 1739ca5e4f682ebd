using EsgTrace.SupplyChain;

namespace EsgTrace.Portal.Services;

/// <summary>What a search-as-you-type picker picks.</summary>
public enum PickKind
{
    Lot,
    Supplier,
    Product,
}

/// <summary>One entry of a pick list: the record's id, how the list names it, and the words a search matches.</summary>
public sealed record PickItem(string Id, string Caption, string Detail, IReadOnlyList<string> Terms)
{
    public static PickItem Of(LotView lot) => new(
        lot.Id,
        $"{lot.Id} · {lot.Lot.Material}",
        $"{Numbers(lot.Lot.Quantity)} {lot.Lot.Unit} from {lot.Lot.SupplierId}; {Display.Kg(lot.Balance.RemainingKg)} kg remaining",
        [lot.Id, lot.Lot.Material, lot.Lot.SupplierId]);

    public static PickItem Of(SupplierView supplier) => new(
        supplier.Id,
        $"{supplier.Name} ({supplier.Id})",
        $"{supplier.Country} · tier {supplier.Tier}{(supplier.Gln is null ? "" : " · GLN " + supplier.Gln)}",
        [supplier.Id, supplier.Name, supplier.Gln ?? string.Empty]);

    public static PickItem Of(ProductView product) => new(
        product.Id,
        $"{product.Product.Name} ({product.Id})",
        $"per {product.Product.DeclaredUnit}{(product.Product.Gtin is null ? "" : " · GTIN " + product.Product.Gtin)}",
        [product.Id, product.Product.Name, product.Product.Gtin ?? string.Empty]);

    /// <summary>Empty text matches everything; else any term containing it, ignoring case.</summary>
    public bool Matches(string text) => text.Length == 0 || Terms.Any(t => t.Contains(text, StringComparison.OrdinalIgnoreCase));

    private static string Numbers(decimal value) => Units.Numbers.Plain(value);
}

/// <summary>A search's matches; <see cref="More"/> when more records may match than were returned.</summary>
public sealed record PickResult(IReadOnlyList<PickItem> Items, bool More);
