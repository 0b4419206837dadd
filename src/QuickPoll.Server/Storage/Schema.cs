namespace QuickPoll.Server.Storage;

/// <summary>
/// The schema as an ordered list of forward-only migrations, written once for both providers.
/// Placeholders name the few things SQLite and PostgreSQL spell differently:
/// <c>{id}</c> an auto-numbered primary key whose values are never used again, even after the row with the highest
/// one is deleted, <c>{count}</c> a 64-bit counter, <c>{keyed}</c> the end of a table that is only ever reached
/// through its primary key.
/// </summary>
/// <remarks>
/// A step is usually one SQL text for both providers (a plain string). A change only one provider needs is a
/// <see cref="MigrationStep"/> made with <see cref="MigrationStep.SqliteOnly"/> or <see cref="MigrationStep.PostgreSqlOnly"/>:
/// the other provider counts the step as done without running anything, so both keep the same version numbers.
/// </remarks>
internal static class Schema
{
    // Steps named here (declared before the list, which reads them) so that tests can find them wherever they end up.
    /// <summary>
    /// SQLite numbered rows with the largest id plus one, so deleting the newest row (an erasure) gave its id to the
    /// next one; tables created since then use <c>AUTOINCREMENT</c>. PostgreSQL identities never go back: nothing to do.
    /// </summary>
    /// <remarks>
    /// SQLite cannot add <c>AUTOINCREMENT</c> to a table, so each table is rebuilt: create, copy (ids kept), drop,
    /// rename, and create its indexes again. The copy takes every column in table order, so it fails loudly instead
    /// of dropping a column an earlier step added; a step that adds a column or an index to one of these tables must
    /// come after this one or add it here too. Each table's counter starts above its largest id, and the answers' and
    /// comments' above every id a used order token still names, so such a token never points at a new row.
    /// </remarks>
    internal static readonly MigrationStep IdsNeverReused = MigrationStep.SqliteOnly(
        """
        CREATE TABLE answers_rebuilt (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            target        TEXT    NOT NULL,
            kind          TEXT    NOT NULL,
            score         INTEGER NOT NULL,
            created_at    TEXT    NOT NULL,
            visitor_id    TEXT,
            segment       TEXT,
            journey_stage TEXT,
            touchpoint    TEXT,
            locale        TEXT,
            page_path     TEXT,
            updated_at    TEXT,
            verified      INTEGER NOT NULL DEFAULT 0
        );
        INSERT INTO answers_rebuilt SELECT * FROM answers;
        DROP TABLE answers;
        ALTER TABLE answers_rebuilt RENAME TO answers;
        CREATE INDEX ix_answers_target_kind ON answers (target, kind);
        CREATE UNIQUE INDEX ux_answers_visitor ON answers (target, kind, visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE INDEX ix_answers_visitor_id ON answers (visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE INDEX ix_answers_created_at ON answers (created_at);

        CREATE TABLE poll_votes_rebuilt (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            poll_id       TEXT    NOT NULL,
            choice_ids    TEXT    NOT NULL,
            visitor_id    TEXT,
            segment       TEXT,
            journey_stage TEXT,
            touchpoint    TEXT,
            locale        TEXT,
            page_path     TEXT,
            created_at    TEXT    NOT NULL,
            updated_at    TEXT
        );
        INSERT INTO poll_votes_rebuilt SELECT * FROM poll_votes;
        DROP TABLE poll_votes;
        ALTER TABLE poll_votes_rebuilt RENAME TO poll_votes;
        CREATE INDEX ix_poll_votes_poll ON poll_votes (poll_id);
        CREATE UNIQUE INDEX ux_poll_votes_visitor ON poll_votes (poll_id, visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE INDEX ix_poll_votes_visitor_id ON poll_votes (visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE INDEX ix_poll_votes_created_at ON poll_votes (created_at);

        CREATE TABLE comments_rebuilt (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            target        TEXT    NOT NULL,
            text          TEXT    NOT NULL,
            rating        INTEGER,
            display_name  TEXT,
            status        TEXT    NOT NULL,
            hold_reason   TEXT,
            verified      INTEGER NOT NULL DEFAULT 0,
            visitor_id    TEXT,
            segment       TEXT,
            journey_stage TEXT,
            touchpoint    TEXT,
            locale        TEXT,
            page_path     TEXT,
            created_at    TEXT    NOT NULL,
            moderated_at  TEXT
        );
        INSERT INTO comments_rebuilt SELECT * FROM comments;
        DROP TABLE comments;
        ALTER TABLE comments_rebuilt RENAME TO comments;
        CREATE INDEX ix_comments_target_status ON comments (target, status, id);
        CREATE INDEX ix_comments_status ON comments (status, id);
        CREATE INDEX ix_comments_visitor_id ON comments (visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE INDEX ix_comments_created_at ON comments (created_at);

        INSERT INTO sqlite_sequence (name, seq)
            SELECT 'answers', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'answers')
            UNION ALL SELECT 'poll_votes', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'poll_votes')
            UNION ALL SELECT 'comments', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'comments');
        UPDATE sqlite_sequence SET seq = MAX(seq, COALESCE((SELECT MAX(used_by) FROM used_order_tokens WHERE purpose <> 'comment'), 0))
            WHERE name = 'answers';
        UPDATE sqlite_sequence SET seq = MAX(seq, COALESCE((SELECT MAX(used_by) FROM used_order_tokens WHERE purpose = 'comment'), 0))
            WHERE name = 'comments';
        """);

    /// <summary>
    /// Used order tokens keep a keyed hash of the order id (never the id) and the token's expiry, after which they
    /// are swept. Rows stored before this step hold the raw order id and no expiry: the server hashes them at start-up,
    /// where it has the secret (<c>RehashLegacyOrderTokens</c>); a missing expiry marks them.
    /// </summary>
    internal static readonly MigrationStep UsedOrderTokensHashed =
        """
        ALTER TABLE used_order_tokens RENAME COLUMN order_id TO order_hash;
        ALTER TABLE used_order_tokens ADD COLUMN expires_at TEXT;
        CREATE INDEX ix_used_order_tokens_expires_at ON used_order_tokens (expires_at);
        CREATE INDEX ix_used_order_tokens_used_by ON used_order_tokens (used_by);
        """;

    /// <summary>Append new steps at the end; never edit a step that has shipped.</summary>
    public static readonly MigrationStep[] Migrations =
    [
        // 1: answers, per-score counters (so a summary never scans answers), idempotency keys.
        """
        CREATE TABLE answers (
            id          {id},
            target      TEXT    NOT NULL,
            kind        TEXT    NOT NULL,
            score       INTEGER NOT NULL,
            created_at  TEXT    NOT NULL
        );
        CREATE INDEX ix_answers_target_kind ON answers (target, kind);
        CREATE TABLE summary_counts (
            target  TEXT    NOT NULL,
            kind    TEXT    NOT NULL,
            score   INTEGER NOT NULL,
            count   {count} NOT NULL,
            PRIMARY KEY (target, kind, score)
        ){keyed};
        CREATE TABLE idempotency_keys (
            key         TEXT    NOT NULL PRIMARY KEY,
            answer_id   {count} NOT NULL,
            receipt     TEXT    NOT NULL,
            created_at  TEXT    NOT NULL
        ){keyed};
        """,

        // 2: context on every answer, one answer per visitor (re-votes replace), counters per context value.
        """
        ALTER TABLE answers ADD COLUMN visitor_id    TEXT;
        ALTER TABLE answers ADD COLUMN segment       TEXT;
        ALTER TABLE answers ADD COLUMN journey_stage TEXT;
        ALTER TABLE answers ADD COLUMN touchpoint    TEXT;
        ALTER TABLE answers ADD COLUMN locale        TEXT;
        ALTER TABLE answers ADD COLUMN page_path     TEXT;
        ALTER TABLE answers ADD COLUMN updated_at    TEXT;
        CREATE UNIQUE INDEX ux_answers_visitor ON answers (target, kind, visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE TABLE context_counts (
            target     TEXT    NOT NULL,
            kind       TEXT    NOT NULL,
            dimension  TEXT    NOT NULL,
            value      TEXT    NOT NULL,
            score      INTEGER NOT NULL,
            count      {count} NOT NULL,
            PRIMARY KEY (target, kind, dimension, value, score)
        ){keyed};
        """,

        // 3: polls defined by staff, visitors' votes (one per visitor), and per-choice counters overall and per context value.
        """
        CREATE TABLE polls (
            id          TEXT    NOT NULL PRIMARY KEY,
            definition  TEXT    NOT NULL,
            created_at  TEXT    NOT NULL,
            updated_at  TEXT
        ){keyed};
        CREATE TABLE poll_votes (
            id            {id},
            poll_id       TEXT    NOT NULL,
            choice_ids    TEXT    NOT NULL,
            visitor_id    TEXT,
            segment       TEXT,
            journey_stage TEXT,
            touchpoint    TEXT,
            locale        TEXT,
            page_path     TEXT,
            created_at    TEXT    NOT NULL,
            updated_at    TEXT
        );
        CREATE INDEX ix_poll_votes_poll ON poll_votes (poll_id);
        CREATE UNIQUE INDEX ux_poll_votes_visitor ON poll_votes (poll_id, visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE TABLE poll_counts (
            poll_id    TEXT    NOT NULL,
            dimension  TEXT    NOT NULL,
            value      TEXT    NOT NULL,
            choice_id  TEXT    NOT NULL,
            count      {count} NOT NULL,
            PRIMARY KEY (poll_id, dimension, value, choice_id)
        ){keyed};
        """,

        // 4: comments with their moderation, verified purchases, and order tokens used once per product and purpose.
        """
        CREATE TABLE comments (
            id            {id},
            target        TEXT    NOT NULL,
            text          TEXT    NOT NULL,
            rating        INTEGER,
            display_name  TEXT,
            status        TEXT    NOT NULL,
            hold_reason   TEXT,
            verified      INTEGER NOT NULL DEFAULT 0,
            visitor_id    TEXT,
            segment       TEXT,
            journey_stage TEXT,
            touchpoint    TEXT,
            locale        TEXT,
            page_path     TEXT,
            created_at    TEXT    NOT NULL,
            moderated_at  TEXT
        );
        CREATE INDEX ix_comments_target_status ON comments (target, status, id);
        CREATE INDEX ix_comments_status ON comments (status, id);
        ALTER TABLE answers ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE used_order_tokens (
            order_id   TEXT    NOT NULL,
            product    TEXT    NOT NULL,
            purpose    TEXT    NOT NULL,
            used_by    {count} NOT NULL,
            used_at    TEXT    NOT NULL,
            PRIMARY KEY (order_id, product, purpose)
        ){keyed};
        """,

        // 5: erasing a visitor's rows and deleting rows past the retention period, each without a table scan.
        """
        CREATE INDEX ix_answers_visitor_id ON answers (visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE INDEX ix_answers_created_at ON answers (created_at);
        CREATE INDEX ix_poll_votes_visitor_id ON poll_votes (visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE INDEX ix_poll_votes_created_at ON poll_votes (created_at);
        CREATE INDEX ix_comments_visitor_id ON comments (visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE INDEX ix_comments_created_at ON comments (created_at);
        """,

        // 6: sites with their public keys and allowed origins; admin keys, stored only as SHA-256 hashes.
        """
        CREATE TABLE sites (
            id               TEXT    NOT NULL PRIMARY KEY,
            name             TEXT    NOT NULL,
            public_key       TEXT    NOT NULL,
            allowed_origins  TEXT    NOT NULL,
            created_at       TEXT    NOT NULL,
            updated_at       TEXT
        ){keyed};
        CREATE UNIQUE INDEX ux_sites_public_key ON sites (public_key);
        CREATE TABLE admin_keys (
            id          TEXT    NOT NULL PRIMARY KEY,
            name        TEXT    NOT NULL,
            key_hash    TEXT    NOT NULL,
            created_at  TEXT    NOT NULL
        ){keyed};
        """,

        // 7: idempotency receipts scoped to the site and the operation, bound to the request's fingerprint, expiring, and
        // erasable with their visitor. Receipts live for a day at most, so the unscoped ones before are not carried over.
        """
        DROP TABLE idempotency_keys;
        CREATE TABLE idempotency_receipts (
            site         TEXT    NOT NULL,
            operation    TEXT    NOT NULL,
            key          TEXT    NOT NULL,
            fingerprint  TEXT    NOT NULL,
            visitor_id   TEXT,
            receipt      TEXT    NOT NULL,
            created_at   TEXT    NOT NULL,
            expires_at   TEXT    NOT NULL,
            PRIMARY KEY (site, operation, key)
        ){keyed};
        CREATE INDEX ix_idempotency_receipts_expires_at ON idempotency_receipts (expires_at);
        CREATE INDEX ix_idempotency_receipts_visitor_id ON idempotency_receipts (visitor_id) WHERE visitor_id IS NOT NULL;
        """,

        // 8: dashboard sign-ins: the SHA-256 hash of each session id (never the id), the admin key it was opened with
        // ('config' for the configured key) and a proof tied to that key's hash, so a rotated key ends its sessions.
        """
        CREATE TABLE dashboard_sessions (
            id_hash       TEXT    NOT NULL PRIMARY KEY,
            admin_key_id  TEXT    NOT NULL,
            key_proof     TEXT    NOT NULL,
            created_at    TEXT    NOT NULL,
            expires_at    TEXT    NOT NULL
        ){keyed};
        CREATE INDEX ix_dashboard_sessions_admin_key_id ON dashboard_sessions (admin_key_id);
        CREATE INDEX ix_dashboard_sessions_expires_at ON dashboard_sessions (expires_at);
        """,

        // 9: ids never reused on SQLite (answers, poll votes and comments rebuilt with AUTOINCREMENT).
        IdsNeverReused,

        // 10: used order tokens keep a keyed hash of the order id and their expiry.
        UsedOrderTokensHashed,

        // 11: imports stored in slices, each row marked with its import, so an import refused or cut short midway is removed whole.
        """
        CREATE TABLE imports (
            id           {id},
            status       TEXT    NOT NULL,
            created_at   TEXT    NOT NULL,
            finished_at  TEXT
        );
        ALTER TABLE answers ADD COLUMN import_id {count};
        ALTER TABLE comments ADD COLUMN import_id {count};
        CREATE INDEX ix_answers_import_id ON answers (import_id) WHERE import_id IS NOT NULL;
        CREATE INDEX ix_comments_import_id ON comments (import_id) WHERE import_id IS NOT NULL;
        """,

        // 12: comment form tokens used once: each used token's random nonce until the token expires (then it is swept).
        """
        CREATE TABLE used_form_tokens (
            nonce       TEXT    NOT NULL PRIMARY KEY,
            expires_at  TEXT    NOT NULL
        ){keyed};
        CREATE INDEX ix_used_form_tokens_expires_at ON used_form_tokens (expires_at);
        """,

        // 13: one index fewer written per answer: a visitor's answer is found, and a target's answers are read, through one
        // unique index on (target, kind, visitor_id). Both providers keep answers without a visitor apart (NULLs are distinct).
        """
        DROP INDEX ix_answers_target_kind;
        DROP INDEX ux_answers_visitor;
        CREATE UNIQUE INDEX ux_answers_target_kind_visitor ON answers (target, kind, visitor_id);
        """,
    ];

    /// <summary>The migrations for one provider, with its spellings filled in; a step it skips is empty.</summary>
    public static string[] For(QuickPollStorageProvider provider, string id, string count, string keyed) =>
        [.. Migrations.Select(step => step.For(provider).Replace("{id}", id, StringComparison.Ordinal)
            .Replace("{count}", count, StringComparison.Ordinal)
            .Replace("{keyed}", keyed, StringComparison.Ordinal))];
}

/// <summary>One migration step: the same SQL for both providers, or SQL that only one of them runs.</summary>
internal sealed class MigrationStep
{
    private readonly string _sqlite;
    private readonly string _postgreSql;

    private MigrationStep(string sqlite, string postgreSql) => (_sqlite, _postgreSql) = (sqlite, postgreSql);

    /// <summary>A step both providers run, written with the placeholders.</summary>
    public static implicit operator MigrationStep(string sql) => new(sql, sql);

    /// <summary>A step only SQLite needs; PostgreSQL counts it as done.</summary>
    public static MigrationStep SqliteOnly(string sql) => new(sql, "");

    /// <summary>A step only PostgreSQL needs; SQLite counts it as done.</summary>
    public static MigrationStep PostgreSqlOnly(string sql) => new("", sql);

    /// <summary>The step's SQL for <paramref name="provider"/>; empty when it has nothing to do there.</summary>
    public string For(QuickPollStorageProvider provider) => provider == QuickPollStorageProvider.PostgreSql ? _postgreSql : _sqlite;
}
