using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Http;

/// <summary>Verified purchases: an order token's signature is checked on arrival, its single use inside the write.</summary>
internal static class PurchaseProof
{
    /// <summary>Checks an optional order token against the site's secret, the clock and the product it is given for.</summary>
    /// <returns><see langword="false"/> with a problem when a token is present but not valid for <paramref name="product"/>.</returns>
    public static bool TryRead(string? token, string product, QuickPollServerOptions options, DateTimeOffset now, out string? orderId, out IResult? problem)
    {
        (orderId, problem) = (null, null);
        if (token is null)
        {
            return true;
        }

        if (string.IsNullOrEmpty(options.OrderTokenSecret))
        {
            problem = Problems.Invalid("orderToken", "This site does not verify purchases: send no order token.");
            return false;
        }

        if (!OrderTokens.TryVerify(options.OrderTokenSecret, token, now, out var order, out var tokenProduct))
        {
            problem = Problems.Invalid("orderToken", "The order token is not valid or has expired.");
            return false;
        }

        if (!string.Equals(tokenProduct, product, StringComparison.Ordinal))
        {
            problem = Problems.Invalid("orderToken", "The order token was issued for another product.");
            return false;
        }

        orderId = order;
        return true;
    }

    /// <summary>Refuses a token already used for this product and purpose by another stored row (before anything is written).</summary>
    /// <returns>Whether the token is already claimed by <paramref name="sameRow"/>, so needs no new claim.</returns>
    public static bool EnsureUnused(WriteBatch batch, string orderId, string product, string purpose, long? sameRow)
    {
        var usedBy = batch.Scalar(
            "SELECT used_by FROM used_order_tokens WHERE order_id = @order AND product = @product AND purpose = @purpose;",
            ("@order", orderId), ("@product", product), ("@purpose", purpose));
        if (usedBy is null)
        {
            return false;
        }

        if (sameRow is { } row && Convert.ToInt64(usedBy, System.Globalization.CultureInfo.InvariantCulture) == row)
        {
            return true;
        }

        throw new WriteRejectedException(StatusCodes.Status409Conflict, "orderToken", "This order token was already used for this product.");
    }

    public static void Claim(WriteBatch batch, string orderId, string product, string purpose, long usedBy) =>
        batch.Execute(
            "INSERT INTO used_order_tokens (order_id, product, purpose, used_by, used_at) VALUES (@order, @product, @purpose, @by, @at);",
            ("@order", orderId), ("@product", product), ("@purpose", purpose), ("@by", usedBy), ("@at", batch.Now));
}
