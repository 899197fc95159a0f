using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// The site's one SQLite file: how every connection is opened and set up, how a read and a write run, and how
/// SQLite's errors become <see cref="StorageException"/>. Every store of this dialect goes through here.
/// </summary>
public sealed class SqliteDatabase : IDatabase
{
    public const string FileName = "newssite.db";

    /// <summary>The collation every connection has for <see cref="GermanOrder"/>.</summary>
    public const string GermanCollation = "german";

    // Writers wait this long for another writer (an import, a second process) before giving up.
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private readonly string _connectionString;
    private readonly ContentChangeSignal? _changeSignal;
    private Action<string>? _statementObserver;
    private SqliteWorkMeter? _workMeter;

    /// <param name="changeSignal">Told after each committed public change; null where no cache listens (commands, tests).</param>
    public SqliteDatabase(string filePath, ContentChangeSignal? changeSignal = null)
    {
        FilePath = Path.GetFullPath(filePath);
        _changeSignal = changeSignal;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public string FilePath { get; }

    public string Location => FilePath;

    public int LatestSchemaVersion => SqliteSchemaMigrator.LatestVersion;

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static SqliteDatabase InDirectory(string directory) => new(PathIn(directory));

    public Task<int> MigrateAsync(CancellationToken cancellationToken = default) =>
        Translated(() => new SqliteSchemaMigrator(this).MigrateAsync(cancellationToken));

    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default) =>
        Translated(() => new SqliteSchemaMigrator(this).GetVersionAsync(cancellationToken));

    /// <summary>
    /// Moves everything from the write-ahead log into the database file and empties the log, so that after a bulk
    /// write the file alone holds the data (and its size tells the truth).
    /// </summary>
    public Task CompactAsync(CancellationToken cancellationToken = default) => RunAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return 0;
    }, cancellationToken);

    /// <summary>
    /// Shows every statement SQLite starts on connections opened from now on, trigger steps included, until the
    /// result is disposed. One observer at a time.
    /// </summary>
    public IDisposable ObserveStatements(Action<string> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (Interlocked.CompareExchange(ref _statementObserver, observer, null) is not null)
        {
            throw new InvalidOperationException("Es beobachtet schon jemand die Anweisungen dieser Datenbank.");
        }

        return new StatementObservation(this);
    }

    private sealed class StatementObservation(SqliteDatabase database) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref database._statementObserver, null);
    }

    /// <summary>
    /// Counts the virtual machine instructions of every statement on this database's sessions from now until the
    /// meter is disposed. One meter at a time.
    /// </summary>
    public SqliteWorkMeter MeasureWork()
    {
        var meter = new SqliteWorkMeter(stopped => Interlocked.CompareExchange(ref _workMeter, null, stopped));
        if (Interlocked.CompareExchange(ref _workMeter, meter, null) is not null)
        {
            throw new InvalidOperationException("Es misst schon jemand die Arbeit dieser Datenbank.");
        }

        return meter;
    }

    /// <summary>
    /// Statements on a pooled connection, each its own transaction unless they begin one; SQLite's errors come out as
    /// <see cref="StorageException"/>. When <paramref name="cancellationToken"/> is cancelled (the reader has gone),
    /// the running statement stops and <see cref="OperationCanceledException"/> comes out instead.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return await RunOnSessionAsync(session => read(session.Connection), cancellationToken);
    }

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>, with the session's prepared statements at hand: for the reads every page makes,
    /// where compiling the SQL anew would cost more than running it.
    /// </summary>
    public Task<T> RunOnSessionAsync<T>(Func<SqliteSession, Task<T>> read, CancellationToken cancellationToken) =>
        RunOnSessionAsync(read, interruptible: true, cancellationToken);

    /// <param name="interruptible">
    /// Whether a cancellation stops a running statement. Reads are; a write, once begun, runs to its commit, so that
    /// a save does not depend on whether the browser waited for the answer. Either way nothing starts once cancelled.
    /// </param>
    private async Task<T> RunOnSessionAsync<T>(Func<SqliteSession, Task<T>> read, bool interruptible, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        cancellationToken.ThrowIfCancellationRequested();
        SqliteSession? session = null;
        try
        {
            session = await LeaseAsync(cancellationToken);
            session.Interruption = interruptible ? cancellationToken : CancellationToken.None;
            return await read(session);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("Die Anfrage wurde abgebrochen; die laufende Abfrage ist beendet.", e, cancellationToken);
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Translate(e);
        }
        finally
        {
            if (session is not null)
            {
                await ReturnAsync(session);
            }
        }
    }

    /// <summary>
    /// A write as one unit of work: one <c>BEGIN IMMEDIATE</c> transaction that every store taking part writes through,
    /// committed when <paramref name="write"/> returns (or rolled back when it asked for that), and then, if it changed
    /// what readers see, the change signal, so that this process's cache evicts before the writer's request ends.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<SqliteUnitOfWork, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (result, changedPublicContent) = await RunOnSessionAsync<(T, bool)>(async session =>
        {
            // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) takes the write lock first, so reads within the unit
            // cannot go stale and no read lock ever needs upgrading.
            await using var transaction = (SqliteTransaction)await session.Connection.BeginTransactionAsync(cancellationToken);
            var unit = new SqliteUnitOfWork(session.Connection, transaction);
            var written = await write(unit);
            // Done is done: a cancellation now would only throw the finished work away.
            if (unit.RollsBack)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return (written, false);
            }

            await transaction.CommitAsync(CancellationToken.None);
            return (written, unit.ChangedPublicContent);
        }, interruptible: false, cancellationToken);

        if (changedPublicContent && _changeSignal is not null)
        {
            // Never skipped: the page cache must evict what the commit changed, whether or not the writer still waits.
            await _changeSignal.CommittedAsync(CancellationToken.None);
        }

        return result;
    }

    /// <summary>A read transaction: everything read within it sees one moment, while writers go on (WAL).</summary>
    public Task<T> ReadConsistentAsync<T>(Func<SqliteSession, SqliteTransaction, Task<T>> read, CancellationToken cancellationToken) =>
        RunOnSessionAsync(async session =>
        {
            // Deferred: a read transaction, which takes no write lock.
            await using var transaction = session.Connection.BeginTransaction(deferred: true);
            return await read(session, transaction);
        }, cancellationToken);

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Volatile.Read(ref _statementObserver) is not null)
            {
                Trace(connection);
            }

            await using var pragmas = connection.CreateCommand();

            // WAL itself is a property of the file and set once by the migrator; these two are per connection.
            // synchronous=NORMAL is durable against application crashes in WAL mode and much cheaper per commit.
            pragmas.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);

            // ORDER BY … COLLATE german: names as a German reader sorts them (Ä with A), where a list is sorted by
            // the database because it is paged there. Only queries use it; no index or table names it.
            connection.CreateCollation(GermanCollation, static (x, y) => GermanOrder.Names.Compare(x, y));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the pooled connections of every SQLite file, so that files can be replaced or deleted.</summary>
    public static void ReleaseAllFiles()
    {
        foreach (var (database, _) in Open)
        {
            database.CloseIdleSessions();
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>Closes the idle sessions; sessions in use close when they come back.</summary>
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        CloseIdleSessions();
        return ValueTask.CompletedTask;
    }

    // Sessions: connections kept open between requests with their prepared statements. Opening a pooled connection
    // anew costs its PRAGMAs and, worse, throws away every compiled statement (Microsoft.Data.Sqlite finalizes them
    // on close); a session keeps both. As many are kept as were ever in use at once, up to this many.
    private const int MaxIdleSessions = 32;

    // Every database with sessions, so that ReleaseAllFiles can close them; weak, so that a forgotten one is collected.
    private static readonly ConditionalWeakTable<SqliteDatabase, object?> Open = new();

    private readonly ConcurrentBag<SqliteSession> _idle = [];
    private volatile bool _disposed;

    private async Task<SqliteSession> LeaseAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_idle.TryTake(out var session))
        {
            Open.TryAdd(this, null);
            session = new SqliteSession(await OpenAsync(cancellationToken));
        }

        session.Meter = Volatile.Read(ref _workMeter);

        // Observation starts and ends between leases: a session opened before it began is traced from now on.
        var observing = Volatile.Read(ref _statementObserver) is not null;
        if (observing != session.IsTraced)
        {
            if (observing)
            {
                Trace(session.Connection);
            }
            else
            {
                SQLitePCL.raw.sqlite3_trace(session.Connection.Handle, (SQLitePCL.strdelegate_trace?)null, null);
            }

            session.IsTraced = observing;
        }

        return session;
    }

    private async ValueTask ReturnAsync(SqliteSession session)
    {
        session.Interruption = CancellationToken.None;
        session.Meter = null;

        // A session is only reused in autocommit mode, with no transaction left open by a failed statement.
        var reusable = !_disposed && _idle.Count < MaxIdleSessions
            && session.Connection.State == System.Data.ConnectionState.Open
            && SQLitePCL.raw.sqlite3_get_autocommit(session.Connection.Handle) != 0;
        if (reusable)
        {
            _idle.Add(session);
        }
        else
        {
            await session.DisposeAsync();
        }
    }

    private void CloseIdleSessions()
    {
        while (_idle.TryTake(out var session))
        {
            session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private void Trace(SqliteConnection connection) =>
        SQLitePCL.raw.sqlite3_trace(connection.Handle, static (database, sql) =>
            Volatile.Read(ref ((SqliteDatabase)database)._statementObserver)?.Invoke(sql), this);

    private static async Task<T> Translated<T>(Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Translate(e);
        }
    }
}
