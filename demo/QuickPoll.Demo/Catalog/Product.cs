using System.Globalization;

namespace QuickPoll.Demo.Catalog;

/// <summary>A product the demo shop sells.</summary>
/// <param name="Sku">The stock keeping unit: the product's id in URLs and the rating target.</param>
/// <param name="Name">The product's name.</param>
/// <param name="PricePln">The price in Polish złoty.</param>
/// <param name="Description">One or two sentences for the product page.</param>
/// <param name="Color">The swatch colour of the product picture, as a CSS colour.</param>
/// <param name="Shape">Which drawing the product picture uses.</param>
public sealed record Product(string Sku, string Name, decimal PricePln, string Description, string Color, ProductShape Shape)
{
    private static readonly NumberFormatInfo Zloty = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00a0" };

    /// <summary>The price as a Polish shopper reads it, for example <c>49,00 zł</c>.</summary>
    public string PriceText => PricePln.ToString("N2", Zloty) + "\u00a0zł";
}

/// <summary>The drawings available for product pictures.</summary>
public enum ProductShape
{
    /// <summary>A mug.</summary>
    Mug,

    /// <summary>A T-shirt.</summary>
    Shirt,

    /// <summary>A notebook.</summary>
    Notebook,

    /// <summary>A tote bag.</summary>
    Tote,
}
