namespace QuickPoll.Contracts;

/// <summary>The limits of polls and votes, enforced by the server and used by the SDK and components.</summary>
public static class PollLimits
{
    /// <summary>The fewest choices a poll has.</summary>
    public const int MinChoices = 2;

    /// <summary>The most choices a poll has.</summary>
    public const int MaxChoices = 8;

    /// <summary>The longest question, in characters.</summary>
    public const int MaxQuestionLength = 300;

    /// <summary>The longest choice label, in characters.</summary>
    public const int MaxChoiceLabelLength = 120;

    /// <summary>The longest choice id, in characters.</summary>
    public const int MaxChoiceIdLength = 32;

    /// <summary>The most languages one poll is written in.</summary>
    public const int MaxLocales = 10;

    /// <summary>Checks a poll definition.</summary>
    /// <param name="poll">The definition.</param>
    /// <returns>The errors by JSON field name; empty when the definition is valid.</returns>
    public static IReadOnlyDictionary<string, string[]> Validate(PollDefinition poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var errors = new Dictionary<string, string[]>();
        if (ValidateTexts(poll.Question, MaxQuestionLength) is { } questionError)
        {
            errors["question"] = [questionError];
        }

        if (poll.Choices is null || poll.Choices.Count is < MinChoices or > MaxChoices)
        {
            errors["choices"] = [$"A poll has {MinChoices} to {MaxChoices} choices."];
        }
        else
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < poll.Choices.Count; i++)
            {
                var choice = poll.Choices[i];
                if (choice is null || string.IsNullOrEmpty(choice.Id) || choice.Id.Length > MaxChoiceIdLength
                    || !choice.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    errors[$"choices[{i}].id"] = [$"A choice id is 1 to {MaxChoiceIdLength} letters, digits, '-' or '_'."];
                }
                else if (!ids.Add(choice.Id))
                {
                    errors[$"choices[{i}].id"] = [$"The choice id '{choice.Id}' is used twice."];
                }

                if (ValidateTexts(choice?.Label, MaxChoiceLabelLength) is { } labelError)
                {
                    errors[$"choices[{i}].label"] = [labelError];
                }
                else if (poll.Question is not null && !poll.Question.Keys.All(choice!.Label.ContainsKey))
                {
                    errors[$"choices[{i}].label"] = ["Every choice needs a label in each language the question is in."];
                }
            }
        }

        if (FeedbackLimits.ValidateTarget(poll.Target) is { } targetError && poll.Target is not null)
        {
            errors["target"] = [targetError];
        }

        if (poll.ActiveFrom is { } from && poll.ActiveTo is { } to && to <= from)
        {
            errors["activeTo"] = ["The poll must close after it opens."];
        }

        return errors;
    }

    /// <summary>Checks a vote's context (its choices are checked against the poll by the server).</summary>
    /// <param name="vote">The vote.</param>
    /// <returns>The errors by JSON field name; empty when the vote is valid.</returns>
    public static IReadOnlyDictionary<string, string[]> Validate(PollVoteRequest vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var errors = new Dictionary<string, string[]>();
        if (vote.ChoiceIds is null || vote.ChoiceIds.Count is 0 or > MaxChoices || vote.ChoiceIds.Any(string.IsNullOrEmpty)
            || vote.ChoiceIds.Distinct(StringComparer.Ordinal).Count() != vote.ChoiceIds.Count)
        {
            errors["choiceIds"] = ["Pick at least one choice, each once."];
        }

        foreach (var (field, message) in FeedbackLimits.ValidateContext(vote))
        {
            errors[field] = [message];
        }

        return errors;
    }

    private static string? ValidateTexts(IReadOnlyDictionary<string, string>? texts, int maxLength)
    {
        if (texts is null || texts.Count == 0)
        {
            return "Give the text in at least one language, for example {\"en\": \"...\"}.";
        }

        if (texts.Count > MaxLocales)
        {
            return $"Give the text in at most {MaxLocales} languages.";
        }

        foreach (var (locale, text) in texts)
        {
            if (FeedbackLimits.ValidateLocale(locale) is not null)
            {
                return $"'{locale}' is not a language tag such as 'en' or 'pl-PL'.";
            }

            if (string.IsNullOrWhiteSpace(text) || text.Length > maxLength || text.Any(char.IsControl))
            {
                return $"Each text is 1 to {maxLength} characters long, without control characters.";
            }
        }

        return null;
    }
}
