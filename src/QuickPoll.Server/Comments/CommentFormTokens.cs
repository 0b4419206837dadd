using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using QuickPoll.Server.Application;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Comments;

/// <summary>
/// The comment form's token, protected by ASP.NET Core Data Protection for this purpose only: when the form was shown, a
/// random nonce, and a hash of the target and the site's public key it was shown for. Nobody can forge, back-date or move a
/// token to another target or site; the nonce is recorded when a comment uses it, so a token is good for one comment.
/// </summary>
internal sealed class CommentFormTokens(IDataProtectionProvider protection, TimeProvider time, IOptions<QuickPollServerOptions> options)
{
    private const int NonceBytes = 16;
    private const int BindingBytes = 32;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(10);

    private long _nextSweepTicks;

    // v2: tokens bound to a target and site; a v1 token (time only) no longer opens a form.
    private readonly IDataProtector _protector = protection.CreateProtector("QuickPoll.CommentForm.v2");

    public int MinimumSeconds => options.Value.CommentMinimumSeconds;

    public TimeSpan Lifetime => options.Value.CommentFormLifetime;

    public string Issue(string target, string? siteKey)
    {
        var payload = new byte[8 + NonceBytes + BindingBytes];
        BinaryPrimitives.WriteInt64BigEndian(payload, time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(payload.AsSpan(8, NonceBytes));
        Binding(target, siteKey).CopyTo(payload.AsSpan(8 + NonceBytes));
        return WebEncoders.Base64UrlEncode(_protector.Protect(payload));
    }

    /// <summary>
    /// Reads a token sent with a comment about <paramref name="target"/> from <paramref name="siteKey"/>'s pages. Null with no
    /// refusal when the check is off; a refusal naming <c>formToken</c> when the token is missing, forged or for another form.
    /// The clock and single use are checked in the write (<see cref="CommentFormUse"/>), after an idempotent retry has had its answer.
    /// </summary>
    public CommentFormUse? Read(string? token, string target, string? siteKey)
    {
        if (MinimumSeconds == 0)
        {
            return null;
        }

        if (string.IsNullOrEmpty(token))
        {
            throw QuickPollRefusal.Invalid("formToken", "The comment form's token is missing: reload the form and try again.");
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or ArgumentException)
        {
            payload = [];
        }

        if (payload.Length != 8 + NonceBytes + BindingBytes)
        {
            throw QuickPollRefusal.Invalid("formToken", "The comment form's token is not valid: reload the form and try again.");
        }

        if (!CryptographicOperations.FixedTimeEquals(payload.AsSpan(8 + NonceBytes), Binding(target, siteKey)))
        {
            throw QuickPollRefusal.Invalid("formToken", "The comment form's token was given for another product or site: reload the page and try again.");
        }

        var issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(payload));
        return new CommentFormUse(
            WebEncoders.Base64UrlEncode(payload, 8, NonceBytes), issued, TimeSpan.FromSeconds(MinimumSeconds), Lifetime, this);
    }

    /// <summary>Whether the writer should delete expired used-token rows now: at most once every few minutes.</summary>
    public bool SweepDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        return now.UtcTicks >= next
            && Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) == next;
    }

    // Length-prefixed, so ("a", "bc") and ("ab", "c") never share a binding.
    private static byte[] Binding(string target, string? siteKey) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{target.Length}:{target}|{siteKey?.Length ?? -1}:{siteKey}"));
}

/// <summary>
/// A valid form token on its way into the write: there, inside the comment's transaction, it is checked against the clock
/// and claimed, so two comments with one token never both get in, in one group, across groups or across instances.
/// </summary>
internal sealed record CommentFormUse(string Nonce, DateTimeOffset Issued, TimeSpan Minimum, TimeSpan Lifetime, CommentFormTokens Tokens)
{
    /// <summary>Refuses a token sent too soon, too late or already used; otherwise records it as used. Writes only when it refuses nothing.</summary>
    public void Claim(WriteBatch batch, DateTimeOffset now)
    {
        var age = now - Issued;
        if (age < Minimum)
        {
            var wait = (int)Math.Ceiling((Minimum - age).TotalSeconds);
            throw new WriteRejectedException(
                StatusCodes.Status400BadRequest, "formToken",
                $"The comment was sent too quickly: wait {wait} more {(wait == 1 ? "second" : "seconds")} and send it again.");
        }

        if (age > Lifetime)
        {
            throw new WriteRejectedException(StatusCodes.Status400BadRequest, "formToken", "The comment form has expired: reload the page and try again.");
        }

        // ON CONFLICT DO NOTHING: a token claimed by an earlier write of this group, or committed (or being committed) by
        // another instance, inserts nothing; PostgreSQL waits for the other transaction and then sees its row.
        var claimed = batch.Execute(
            "INSERT INTO used_form_tokens (nonce, expires_at) VALUES (@nonce, @expires) ON CONFLICT (nonce) DO NOTHING;",
            ("@nonce", Nonce), ("@expires", WriteBatch.Stamp(Issued + Lifetime)));
        if (claimed == 0)
        {
            throw new WriteRejectedException(
                StatusCodes.Status400BadRequest, "formToken", "This form was already sent: reload the page to write another comment.");
        }

        if (Tokens.SweepDue(now))
        {
            // A used token is only worth keeping while it could still be sent; after that the clock refuses it anyway.
            batch.Execute("DELETE FROM used_form_tokens WHERE expires_at < @now;", ("@now", WriteBatch.Stamp(now)));
        }
    }

}
