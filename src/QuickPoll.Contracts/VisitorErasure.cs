namespace QuickPoll.Contracts;

/// <summary>What erasing a visitor deleted; all zeros when nothing of theirs was stored (or it was erased already).</summary>
/// <param name="Answers">How many of the visitor's answers were deleted and uncounted from summaries.</param>
/// <param name="PollVotes">How many of the visitor's poll votes were deleted and uncounted from poll results.</param>
/// <param name="Comments">How many of the visitor's comments were deleted.</param>
public sealed record VisitorErasure(int Answers, int PollVotes, int Comments);
