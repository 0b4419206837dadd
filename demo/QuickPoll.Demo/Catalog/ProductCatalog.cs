namespace QuickPoll.Demo.Catalog;

/// <summary>The demo shop's products, kept in code so the demo needs no database of its own.</summary>
public static class ProductCatalog
{
    /// <summary>All products, in display order.</summary>
    public static IReadOnlyList<Product> All { get; } =
    [
        new("mug-001", "Enamel camping mug", 49.00m,
            "A 350 ml steel mug with a speckled enamel finish. Survives campfires and dishwashers alike.",
            "#2f6f9f", ProductShape.Mug),
        new("tee-002", "Organic cotton T-shirt", 89.00m,
            "Heavyweight organic cotton, cut straight and dyed in small batches. Runs true to size.",
            "#c0513b", ProductShape.Shirt),
        new("note-003", "Dot-grid notebook A5", 34.90m,
            "160 numbered pages of 100 g/m² paper that takes fountain pens without bleeding.",
            "#3c8a5a", ProductShape.Notebook),
        new("tote-004", "Canvas tote bag", 59.00m,
            "Thick cotton canvas with long handles and an inside pocket for keys.",
            "#b58a2c", ProductShape.Tote),
    ];

    /// <summary>Finds a product by its SKU.</summary>
    /// <param name="sku">The SKU from the URL; compared without regard to case.</param>
    /// <returns>The product, or <see langword="null"/> when the shop has no such product.</returns>
    public static Product? Find(string? sku) =>
        All.FirstOrDefault(p => string.Equals(p.Sku, sku, StringComparison.OrdinalIgnoreCase));
}
