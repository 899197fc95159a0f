using System.Data;
using Dapper;
using Npgsql;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The site's PostgreSQL database: one pooled <see cref="NpgsqlDataSource"/>, how a read and a write run, and how
/// PostgreSQL's errors become <see cref="StorageException"/>. Every store of this dialect goes through here.
/// </summary>
public sealed class PostgresDatabase : IDatabase, IAsyncDisposable
{
    /// <summary>A writer waits this long for another writer (another node's import, say) before giving up, as on SQLite.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ContentChangeSignal? _changeSignal;
    private readonly StatementLog _statements = new();

    static PostgresDatabase()
    {
        PostgresDates.Register();
        PostgresText.Register();
    }

    /// <param name="connectionString">An Npgsql connection string (ConnectionStrings:Postgres).</param>
    /// <param name="changeSignal">Told after each committed public change; null where no cache listens (commands, tests).</param>
    public PostgresDatabase(string connectionString, ContentChangeSignal? changeSignal = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);

        // The statements every page runs are few and always the same: prepared once per pooled connection, they are
        // only bound and executed afterwards (PostgreSQL then skips parsing and planning).
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
        }

        // Every read opens a pooled connection and closes it again, and on each close Npgsql would otherwise queue six
        // reset statements (RESET ALL, DISCARD TEMP, pg_advisory_unlock_all() and others) for the next use: two thirds
        // of the statements of a home page request, for state this site never leaves behind (its settings are SET
        // LOCAL, its advisory lock is per transaction, it makes no temporary tables). An open transaction is still
        // rolled back on close.
        settings.NoResetOnClose = true;
        settings.ApplicationName ??= "NewsSite";
        Location = Describe(settings);
        _changeSignal = changeSignal;
        _dataSource = new NpgsqlDataSourceBuilder(settings.ConnectionString)
            .UseLoggerFactory(_statements)
            .Build();
    }

    /// <summary>Server, port, database and schema, never the password: for logs and operators.</summary>
    public string Location { get; }

    public int LatestSchemaVersion => PostgresSchemaMigrator.LatestVersion;

    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) =>
        Translated(() => new PostgresSchemaMigrator(this).MigrateAsync(cancellationToken), cancellationToken);

    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default) =>
        Translated(() => new PostgresSchemaMigrator(this).GetVersionAsync(cancellationToken), cancellationToken);

    /// <summary>After a bulk write: fresh statistics for the planner, and dead rows reclaimed, in this schema's tables only.</summary>
    public Task CompactAsync(CancellationToken cancellationToken = default) => RunAsync(async connection =>
    {
        var tables = (await connection.QueryAsync<string>(
            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename;")).ToList();
        if (tables.Count > 0)
        {
            // Names from the catalogue, quoted by PostgreSQL itself; VACUUM takes no parameters.
            await connection.ExecuteAsync("VACUUM (ANALYZE) " + string.Join(", ", tables) + ";");
        }

        return 0;
    }, cancellationToken);

    /// <summary>Shows every command sent to the server from now on, until the result is disposed. One observer at a time.</summary>
    public IDisposable ObserveStatements(Action<string> observer) => _statements.Observe(observer);

    /// <summary>
    /// Statements on a pooled connection, each its own transaction unless they begin one; PostgreSQL's errors come out
    /// as <see cref="StorageException"/>.
    /// </summary>
    public Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Translated(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await read(connection);
        }, cancellationToken);
    }

    /// <summary>
    /// A read whose best plan depends on its parameter values, planned anew for them on every run. Every statement is
    /// prepared (MaxAutoPrepare), and after five runs PostgreSQL may switch a prepared statement to one generic plan for
    /// all values. For the search that plan walks article_search from the newest id and tests every row: right for
    /// „die“, ruinous for a word in 423 of 100,000 articles (440 ms instead of 4 on the bench corpus; see
    /// docs/performance.md). <c>SET LOCAL plan_cache_mode</c> keeps the parsed statement but plans each run with its
    /// values; it costs the BEGIN and COMMIT around the read, two round trips on the same connection.
    /// </summary>
    public Task<T> RunPlannedPerValueAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Translated(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                PlanPerValueSql, transaction: transaction, cancellationToken: cancellationToken));
            var result = await read(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);
    }

    internal const string PlanPerValueSql = "SET LOCAL plan_cache_mode = force_custom_plan;";

    /// <summary>A read transaction: everything read within it sees one moment (REPEATABLE READ), while writers go on.</summary>
    public Task<T> ReadConsistentAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Translated(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            var result = await read(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// A write as one unit of work: one transaction that every store taking part writes through, which first takes the
    /// write gate (so that writers take turns, as on SQLite, on every node), committed when <paramref name="write"/>
    /// returns (or rolled back when it asked for that), and then, if it changed what readers see, the change signal.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<PostgresUnitOfWork, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var (result, changedPublicContent) = await Translated<(T, bool)>(async () =>
        {
            // A write, once begun, runs to its commit, so that a save does not depend on whether the browser waited.
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, CancellationToken.None);
            await connection.ExecuteAsync(
                $"SET LOCAL lock_timeout = '{(int)LockTimeout.TotalMilliseconds}ms'; SELECT id FROM write_gate FOR UPDATE;",
                transaction: transaction);
            var unit = new PostgresUnitOfWork(connection, transaction);
            var written = await write(unit);
            if (unit.RollsBack)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return (written, false);
            }

            await transaction.CommitAsync(CancellationToken.None);
            return (written, unit.ChangedPublicContent);
        }, CancellationToken.None);

        if (changedPublicContent && _changeSignal is not null)
        {
            // Never skipped: the page cache must evict what the commit changed, whether or not the writer still waits.
            await _changeSignal.CommittedAsync(CancellationToken.None);
        }

        return result;
    }

    /// <summary>A connection of the pool for the migrator and the operator commands; the caller disposes it.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception e) when (PostgresErrors.Translate(e, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<T> Translated<T>(Func<Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (PostgresErrors.Translate(e, cancellationToken) is { } translated)
        {
            if (translated is StorageException { Failure: StorageFailure.Unavailable })
            {
                // The server went away (restarted, the network cut): the idle connections in the pool are dead too,
                // though the pool cannot know it until each is tried. Dropping them now means the first request after
                // the server is back opens a fresh one instead of failing on an old one: recovery without a restart.
                _dataSource.Clear();
            }

            throw translated;
        }
    }

    private static string Describe(NpgsqlConnectionStringBuilder settings)
    {
        var schema = string.IsNullOrEmpty(settings.SearchPath) ? "" : $" (Schema {settings.SearchPath})";
        return $"PostgreSQL {settings.Host}:{settings.Port}/{settings.Database ?? settings.Username}{schema}";
    }
}
