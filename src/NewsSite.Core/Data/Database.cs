using Microsoft.Data.Sqlite;

namespace NewsSite.Core.Data;

/// <summary>The site's one SQLite file. Every connection gets the same settings, whoever opens it.</summary>
public sealed class Database
{
    public const string FileName = "newssite.db";

    // Writers wait this long for another writer (an import, a second process) before giving up.
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private readonly string _connectionString;
    private Action<string>? _statementObserver;

    public Database(string filePath)
    {
        FilePath = Path.GetFullPath(filePath);
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

    public static Database InDirectory(string directory) => new(Path.Combine(directory, FileName));

    /// <summary>
    /// Shows every statement SQLite starts on connections opened from now on, trigger steps included, until the
    /// result is disposed: how a test sees how many statements a page runs. One observer at a time.
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

    private sealed class StatementObservation(Database database) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref database._statementObserver, null);
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (Volatile.Read(ref _statementObserver) is not null)
            {
                SQLitePCL.raw.sqlite3_trace(connection.Handle, static (database, sql) =>
                    Volatile.Read(ref ((Database)database)._statementObserver)?.Invoke(sql), this);
            }

            await using var pragmas = connection.CreateCommand();

            // WAL itself is a property of the file and set once by the migrator; these two are per connection.
            // synchronous=NORMAL is durable against application crashes in WAL mode and much cheaper per commit.
            pragmas.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Moves everything from the write-ahead log into the database file and empties the log, so that after a bulk
    /// write the file alone holds the data (and its size tells the truth).
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
