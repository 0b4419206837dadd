namespace QuickPoll.Client;

/// <summary>
/// The service key under which an app that hosts QuickPoll (<c>AddQuickPollServer()</c>) registers its in-process
/// <see cref="IQuickPollApi"/>, so that the components find it whichever registration comes first. A constant, compiled
/// into each package that uses it.
/// </summary>
internal static class InProcessApi
{
    public const string ServiceKey = "QuickPoll.InProcess";
}
