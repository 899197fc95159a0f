namespace NewsSite.Core.Data;

/// <summary>The site's database as a whole: its schema, and what an operator or a test asks of it.</summary>
public interface IDatabase
{
    /// <summary>Where the data lives, for logs and operators: a file path, or a server and database name.</summary>
    string Location { get; }

    /// <summary>The schema version this build's migrations lead to.</summary>
    int LatestSchemaVersion { get; }

    /// <summary>Applies the migrations the database has not seen, all or none.</summary>
    /// <returns>The number of migrations applied.</returns>
    Task<int> MigrateAsync(CancellationToken cancellationToken = default);

    /// <exception cref="StorageException">The database cannot be reached.</exception>
    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>After a bulk write: leaves the stored data in its compact, final form (SQLite: folds the WAL in).</summary>
    Task CompactAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Shows every statement the database starts from now on, until the result is disposed: how a test sees how many
    /// statements a page runs. One observer at a time.
    /// </summary>
    IDisposable ObserveStatements(Action<string> observer);
}
