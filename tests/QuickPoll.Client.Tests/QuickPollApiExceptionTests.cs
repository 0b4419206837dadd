using System.Net;
using QuickPoll.Client;

namespace QuickPoll.Client.Tests;

public sealed class QuickPollApiExceptionTests
{
    [Fact]
    public void A_refusal_made_without_http_reads_like_one_from_a_problem_response()
    {
        var errors = new Dictionary<string, string[]> { ["score"] = ["The score must be between 1 and 5."] };

        var refused = QuickPollApiException.Create(HttpStatusCode.BadRequest, "The request has invalid fields.", errors: errors);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("The request has invalid fields.", refused.Title);
        Assert.Null(refused.Detail);
        Assert.Equal("The request has invalid fields.", refused.Message);
        Assert.Equal(["The score must be between 1 and 5."], refused.Errors["score"]);
    }

    [Fact]
    public void A_busy_refusal_says_when_to_try_again_as_the_Retry_After_header_does()
    {
        var refused = QuickPollApiException.Create(HttpStatusCode.TooManyRequests, "Too many requests from this address.", "Try again in 3 s.", retryAfter: TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("Try again in 3 s.", refused.Message);
        Assert.Empty(refused.Errors);
    }
}
