namespace QuickPoll.Server.Http;

/// <summary>The optional <c>Idempotency-Key</c> header of a submission; checked by the use cases.</summary>
internal static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 128;
}
