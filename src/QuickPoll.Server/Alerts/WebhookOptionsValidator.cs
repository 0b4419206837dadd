using Microsoft.Extensions.Options;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Alerts;

/// <summary>Checks <see cref="QuickPollServerOptions.Webhooks"/> at start-up, naming each wrong entry by its index.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<QuickPollServerOptions>
{
    public const int MinSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, QuickPollServerOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var webhook = options.Webhooks[i];
            var at = $"QuickPoll: Server:Webhooks:{i}";
            if (webhook is null)
            {
                failures.Add($"{at} is empty.");
                continue;
            }

            if (webhook.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{at}:Url must be an absolute http or https URL, for example https://hooks.example.com/quickpoll.");
            }

            if (webhook.Secret is null || webhook.Secret.Length < MinSecretLength)
            {
                failures.Add($"{at}:Secret must be at least {MinSecretLength} characters.");
            }

            foreach (var type in webhook.Events)
            {
                if (!WebhookEvents.All.Contains(type, StringComparer.Ordinal))
                {
                    failures.Add($"{at}:Events has '{type}'; the events are {string.Join(", ", WebhookEvents.All)}.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
