using CsCheck;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Concurrency;

/// <summary>Whose visitor id a write carries: none, one that is never erased, one that erasures target, or one of its own.</summary>
internal enum VisitorPool
{
    None,
    Steady,
    Erasable,
}

internal readonly record struct VisitorRef(VisitorPool Pool, int Index)
{
    public const int SteadyCount = 6;
    public const int ErasableCount = 4;

    public static readonly VisitorRef None = new(VisitorPool.None, 0);

    public string? Id => Pool switch
    {
        VisitorPool.Steady => $"steady-visitor-{Index}",
        VisitorPool.Erasable => $"erasable-visitor-{Index}",
        _ => null,
    };

    public override string ToString() => Id ?? "anonymous";
}

/// <summary>The polls a run creates first, and one it never creates.</summary>
internal enum PollRef
{
    OpenSingle,
    OpenMultiple,
    Closed,
    Unknown,
}

internal sealed record AnswerSpec(int Target, FeedbackKind Kind, int Score, VisitorRef Visitor, int Segment)
{
    public override string ToString() => $"answer {ModelGen.Targets[Target]} {Kind} {Score} by {Visitor}";
}

internal sealed record VoteSpec(PollRef Poll, string[] Choices, VisitorRef Visitor)
{
    public override string ToString() => $"vote {Poll} [{string.Join(',', Choices)}] by {Visitor}";
}

internal sealed record CommentSpec(int Target, int Text, int? Rating, VisitorRef Visitor)
{
    public override string ToString() => $"comment {ModelGen.Targets[Target]} text {Text} by {Visitor}";
}

/// <summary>One unit of a run: its requests run in order, while every unit runs concurrently with the others.</summary>
internal abstract record Step;

/// <summary>One answer, vote or comment, with a key of its own or none, from no site or one of the two sites.</summary>
internal sealed record OneWrite(object Spec, bool Keyed, int Site) : Step;

/// <summary>A staff erasure of one erasable visitor.</summary>
internal sealed record Erase(int Visitor) : Step;

/// <summary>A small staff import of anonymous answers and comments.</summary>
internal sealed record Import(int Target, int Answers, int Comments) : Step;

/// <summary>The same key and the same body sent several times at the same moment: every copy gets the first's outcome.</summary>
internal sealed record SameBody(object Spec, int Copies) : Step;

/// <summary>The same key again with another body, once the first was answered: <c>422</c> naming the header, nothing stored.</summary>
internal sealed record AnotherBody(AnswerSpec First, AnswerSpec Second) : Step;

/// <summary>A burst of votes for an unknown poll under one key (all refused), then the key used for a real vote, which succeeds.</summary>
internal sealed record RefusedThenFree(int Copies, VoteSpec Open) : Step;

/// <summary>One key on an answer and on a vote at once: separate operations, both stored.</summary>
internal sealed record AnotherKind(AnswerSpec Answer, VoteSpec Vote) : Step;

/// <summary>One key from no site and from each of two sites, with other bodies, at once: all stored, none sees another's receipt.</summary>
internal sealed record AnotherSite(AnswerSpec NoSite, AnswerSpec SiteA, AnswerSpec SiteB) : Step;

/// <summary>An answer with a key, its visitor erased, then the same request replayed: stored anew, never the erased receipt.</summary>
internal sealed record EraseReplay(AnswerSpec Answer) : Step;

/// <summary>CsCheck generators for a run's steps: the seed fixes the whole list.</summary>
internal static class ModelGen
{
    public static readonly string[] Targets = ["mug-001", "tee-002", "cap-003", "bag-004"];
    public static readonly string[] Segments = ["first-time", "returning", "wholesale"];
    public static readonly string[] Choices = ["price", "quality", "delivery"];

    // Plain texts are published; the one with a link is held for moderation.
    public static readonly string[] Texts =
    [
        "Sturdy and keeps the coffee warm.",
        "Arrived late but <b>works</b> & looks fine.",
        "Cheaper at https://elsewhere.example/mug, sadly.",
        "Zażółć gęślą jaźń: świetny kubek.",
    ];

    private static readonly Gen<VisitorRef> s_visitor = Gen.Frequency(
        (3, (IGen<VisitorRef>)Gen.Const(VisitorRef.None)),
        (3, Gen.Int[0, VisitorRef.SteadyCount - 1].Select(i => new VisitorRef(VisitorPool.Steady, i))),
        (2, Gen.Int[0, VisitorRef.ErasableCount - 1].Select(i => new VisitorRef(VisitorPool.Erasable, i))));

    private static readonly Gen<AnswerSpec> s_answer = Gen.Select(
        Gen.Int[0, Targets.Length - 1], Gen.Int[0, 4], Gen.Int[0, 100], s_visitor, Gen.Int[0, Segments.Length],
        (target, kind, score, visitor, segment) =>
        {
            var feedbackKind = (FeedbackKind)kind;
            var (min, max) = Scale(feedbackKind);
            return new AnswerSpec(target, feedbackKind, min + score % (max - min + 1), visitor, segment);
        });

    private static readonly Gen<VoteSpec> s_vote = Gen.Select(
        Gen.Frequency((5, Gen.Const(PollRef.OpenSingle)), (4, Gen.Const(PollRef.OpenMultiple)), (2, Gen.Const(PollRef.Closed)), (2, Gen.Const(PollRef.Unknown))),
        Gen.Int[0, Choices.Length - 1], Gen.Bool, s_visitor,
        (poll, choice, two, visitor) => new VoteSpec(
            poll, poll == PollRef.OpenMultiple && two ? [Choices[choice], Choices[(choice + 1) % Choices.Length]] : [Choices[choice]], visitor));

    private static readonly Gen<VoteSpec> s_openVote = s_vote.Select(v => v.Poll is PollRef.OpenSingle or PollRef.OpenMultiple ? v : v with { Poll = PollRef.OpenSingle, Choices = v.Choices[..1] });

    private static readonly Gen<CommentSpec> s_comment = Gen.Select(
        Gen.Int[0, Targets.Length - 1], Gen.Int[0, Texts.Length - 1], Gen.Int[0, 5], s_visitor,
        (target, text, rating, visitor) => new CommentSpec(target, text, rating == 0 ? null : rating, visitor));

    private static readonly Gen<object> s_write = Gen.Frequency(
        (6, s_answer.Select(a => (object)a)),
        (3, s_vote.Select(v => (object)v)),
        (2, s_comment.Select(c => (object)c)));

    private static readonly Gen<Step> s_step = Gen.Frequency(
        (30, Gen.Select(s_write, Gen.Bool, Gen.Int[0, 2], (spec, keyed, site) => (Step)new OneWrite(spec, keyed, site))),
        (3, Gen.Int[0, VisitorRef.ErasableCount - 1].Select(v => (Step)new Erase(v))),
        (2, Gen.Select(Gen.Int[0, Targets.Length - 1], Gen.Int[1, 4], Gen.Int[0, 2], (t, a, c) => (Step)new Import(t, a, c))),
        // Copies in flight must agree, so their visitor is never one an erasure running meanwhile may remove (that frees the key).
        (5, Gen.Select(s_write, Gen.Int[2, 6], (spec, copies) => (Step)new SameBody(Steady(spec), copies))),
        // The first's visitor is never one an erasure running meanwhile may remove: erasing it frees the key, rightly.
        (2, Gen.Select(s_answer, s_answer, (first, second) => (Step)new AnotherBody(
            first.Visitor.Pool == VisitorPool.Erasable ? first with { Visitor = VisitorRef.None } : first, second with { Score = Other(second) }))),
        (2, Gen.Select(Gen.Int[2, 6], s_openVote, (copies, vote) => (Step)new RefusedThenFree(copies, vote))),
        (2, Gen.Select(s_answer, s_openVote, (answer, vote) => (Step)new AnotherKind(answer, vote))),
        (2, s_answer.Select(a => (Step)new AnotherSite(
            a, a with { Target = (a.Target + 1) % Targets.Length }, a with { Target = (a.Target + 2) % Targets.Length, Score = Other(a) }))),
        (1, s_answer.Select(a => (Step)new EraseReplay(a))));

    /// <summary>A run's steps: between <paramref name="min"/> and <paramref name="max"/> of them.</summary>
    public static Gen<Step[]> Steps(int min, int max) => s_step.Array[min, max];

    public static (int Min, int Max) Scale(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Thumbs => (0, 1),
        FeedbackKind.Nps => (0, 10),
        FeedbackKind.Ces => (1, 7),
        _ => (1, 5),
    };

    private static object Steady(object spec) => spec switch
    {
        AnswerSpec { Visitor.Pool: VisitorPool.Erasable } answer => answer with { Visitor = VisitorRef.None },
        VoteSpec { Visitor.Pool: VisitorPool.Erasable } vote => vote with { Visitor = VisitorRef.None },
        CommentSpec { Visitor.Pool: VisitorPool.Erasable } comment => comment with { Visitor = VisitorRef.None },
        _ => spec,
    };

    // Another valid score on the same scale, so the body differs.
    private static int Other(AnswerSpec answer)
    {
        var (min, max) = Scale(answer.Kind);
        return answer.Score == max ? min : answer.Score + 1;
    }
}
