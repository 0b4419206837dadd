using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace QuickPoll.Server.Comments;

/// <summary>
/// The comment form's time stamp, protected by ASP.NET Core Data Protection for this purpose only: the server can tell how
/// long ago the form was shown without storing anything, and nobody else can forge or back-date a token.
/// </summary>
internal sealed class CommentFormTokens(IDataProtectionProvider protection, TimeProvider time, IOptions<QuickPollServerOptions> options)
{
    /// <summary>How long a form may stay open before its token expires.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly IDataProtector _protector = protection.CreateProtector("QuickPoll.CommentForm.v1");

    public int MinimumSeconds => options.Value.CommentMinimumSeconds;

    public string Issue()
    {
        var issued = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(issued, time.GetUtcNow().ToUnixTimeMilliseconds());
        return WebEncoders.Base64UrlEncode(_protector.Protect(issued));
    }

    /// <summary>Why a comment with this token is refused, or null when it may be stored (always, when the check is off).</summary>
    public string? Refusal(string? token)
    {
        if (MinimumSeconds == 0)
        {
            return null;
        }

        if (string.IsNullOrEmpty(token))
        {
            return "The comment form's token is missing: reload the form and try again.";
        }

        DateTimeOffset issued;
        try
        {
            var payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(payload));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            return "The comment form's token is not valid: reload the form and try again.";
        }

        var age = time.GetUtcNow() - issued;
        return age < TimeSpan.FromSeconds(MinimumSeconds) ? "The comment was submitted too quickly. Wait a moment and send it again."
            : age > Lifetime ? "The comment form has expired: reload the page and try again."
            : null;
    }
}
