using System.Data.Common;
using System.Globalization;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Comments;

namespace QuickPoll.Server.Storage;

/// <summary>
/// The transaction a group of writes shares, with commands cached per SQL text on the writer's connection,
/// and state the operations of one batch share (idempotency keys claimed so far, summaries read so far).
/// </summary>
internal sealed class WriteBatch(DbConnection connection, SummaryCache summaries, Action<Exception, string>? afterCommitFailed = null) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly List<Action> _beforeCommit = [];
    private readonly List<Action> _afterCommit = [];
    private DbTransaction? _transaction;

    /// <summary>The batch's time, ISO 8601 UTC, so all its rows agree.</summary>
    public string Now { get; private set; } = "";

    /// <summary>The batch's time.</summary>
    public DateTimeOffset Time { get; private set; }

    /// <summary>The in-memory summaries that a commit refreshes.</summary>
    public SummaryCache Summaries => summaries;

    /// <summary>The published comments held in memory, which a commit that changes comments makes forget.</summary>
    public PublishedCommentCache Comments { get; init; } = PublishedCommentCache.Disabled;

    /// <summary>Per-batch state keyed by whatever its owner chooses.</summary>
    public Dictionary<object, object> Items { get; } = [];

    public void Begin(DateTimeOffset now)
    {
        Items.Clear();
        _beforeCommit.Clear();
        _afterCommit.Clear();
        Time = now;
        Now = Stamp(now);
        _transaction = connection.BeginTransaction();
    }

    /// <summary>Runs <paramref name="action"/> in the transaction just before it commits, after every operation has finished.</summary>
    public void BeforeCommit(Action action) => _beforeCommit.Add(action);

    /// <summary>
    /// Runs <paramref name="action"/> once the batch is committed, before any caller is answered; never after a rollback.
    /// Its failure is logged and changes nothing: the writes are committed and are never run again.
    /// </summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>A time as the schema stores it: ISO 8601 UTC of one fixed width, so text order is time order.</summary>
    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public void Commit()
    {
        // By index: an action may add another (writes it held back until now).
        for (var i = 0; i < _beforeCommit.Count; i++)
        {
            _beforeCommit[i]();
        }

        _beforeCommit.Clear();
        _transaction!.Commit();
        _transaction.Dispose();
        _transaction = null;
        foreach (var action in _afterCommit)
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                afterCommitFailed?.Invoke(ex, action.Method.DeclaringType?.Name ?? action.Method.Name);
            }
        }

        _afterCommit.Clear();
    }

    public void Rollback()
    {
        _beforeCommit.Clear();
        _afterCommit.Clear();
        if (_transaction is not null)
        {
            try
            {
                _transaction.Rollback();
            }
            catch (DbException)
            {
                // The server may have rolled back already (a deadlock victim, say); nothing is left to undo.
            }

            _transaction.Dispose();
            _transaction = null;
        }
    }

    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        Prepare(sql, parameters).ExecuteNonQuery();

    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        Prepare(sql, parameters).ExecuteScalar() is var value && value is DBNull ? null : value;

    public DbDataReader Query(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        Prepare(sql, parameters).ExecuteReader();

    public void Dispose()
    {
        Rollback();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }

    private DbCommand Prepare(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        Database.SetParameters(command, parameters);
        return command;
    }
}
