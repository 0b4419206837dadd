namespace QuickPoll.Contracts.Tests;

public sealed class FeedbackLimitsTests
{
    [Theory]
    [InlineData(FeedbackKind.Stars, 1, 5)]
    [InlineData(FeedbackKind.Thumbs, 0, 1)]
    [InlineData(FeedbackKind.Nps, 0, 10)]
    [InlineData(FeedbackKind.Csat, 1, 5)]
    [InlineData(FeedbackKind.Ces, 1, 7)]
    public void Each_kind_accepts_exactly_its_scale(FeedbackKind kind, int min, int max)
    {
        Assert.Empty(FeedbackLimits.Validate(new SubmitAnswerRequest("sku", min) { Kind = kind }));
        Assert.Empty(FeedbackLimits.Validate(new SubmitAnswerRequest("sku", max) { Kind = kind }));
        Assert.Contains("score", FeedbackLimits.Validate(new SubmitAnswerRequest("sku", min - 1) { Kind = kind }).Keys);
        Assert.Contains("score", FeedbackLimits.Validate(new SubmitAnswerRequest("sku", max + 1) { Kind = kind }).Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("line\nbreak")]
    public void A_missing_blank_or_control_character_target_is_named_as_the_error(string? target)
    {
        var errors = FeedbackLimits.Validate(new SubmitAnswerRequest(target!, 3));

        Assert.Equal(["target"], errors.Keys);
    }

    [Fact]
    public void A_target_at_the_limit_is_accepted_and_one_longer_is_not()
    {
        Assert.Null(FeedbackLimits.ValidateTarget(new string('a', FeedbackLimits.MaxTargetLength)));
        Assert.NotNull(FeedbackLimits.ValidateTarget(new string('a', FeedbackLimits.MaxTargetLength + 1)));
    }

    [Fact]
    public void An_undefined_kind_is_named_as_the_error()
    {
        var errors = FeedbackLimits.Validate(new SubmitAnswerRequest("sku", 3) { Kind = (FeedbackKind)42 });

        Assert.Equal(["kind"], errors.Keys);
    }
}
