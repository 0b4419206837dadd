namespace QuickPoll.Server;

/// <summary>How new comments are moderated.</summary>
public enum CommentModeration
{
    /// <summary>Publish at once, unless the comment has a link or a blocked word: then hold it for staff.</summary>
    PublishUnlessFlagged = 0,

    /// <summary>Hold every comment until staff approve it.</summary>
    HoldAll = 1,
}
