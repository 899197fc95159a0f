using Microsoft.Data.Sqlite;

namespace NewsSite.Core.Data;

/// <summary>The site's one SQLite file. Every connection gets the same settings, whoever opens it.</summary>
public sealed class Database
{
    public const string FileName = "newssite.db";

    // Writers wait this long for another writer (an import, a second process) before giving up.
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private readonly string _connectionString;

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

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
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
