using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QuickPoll.Demo.Catalog;

namespace QuickPoll.Demo.Pages.RazorPages;

/// <summary>A product page written with Razor Pages and QuickPoll's tag helpers, as an MVC or Razor Pages shop would.</summary>
public sealed class ProductModel : PageModel
{
    /// <summary>The product shown.</summary>
    public Product Product { get; private set; } = ProductCatalog.All[0];

    /// <summary>Shows the product with the SKU from the URL, or the shop's not-found page.</summary>
    /// <param name="sku">The SKU from the URL.</param>
    /// <returns>The page, or 404.</returns>
    public IActionResult OnGet(string sku)
    {
        if (ProductCatalog.Find(sku) is not { } product)
        {
            return NotFound();
        }

        Product = product;
        return Page();
    }
}
