using System.Net;
using QuickPoll.Client;
using QuickPoll.Server.Application;

namespace QuickPoll.Server.InProcess;

/// <summary>The one place where a use case's refusal becomes what the HTTP SDK throws for the same problem response.</summary>
internal static class ClientExceptions
{
    public static QuickPollApiException ToClientException(this QuickPollRefusal refusal) =>
        QuickPollApiException.Create(
            (HttpStatusCode)refusal.StatusCode,
            refusal.Title,
            refusal.Detail,
            refusal.Errors,
            refusal.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
}
