using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Data;
using NewsSite.Core.Data.Postgres;
using NewsSite.Core.Data.Sqlite;
using Npgsql;

namespace NewsSite.Web.Tests.Support;

/// <summary>
/// A test's way below the app to the database the site runs on, on either pass (<see cref="TestDatabases"/>): a
/// second set of stores on it, as another process (an import command, another node) would have, and raw SQL for the
/// tests that break or age a database on purpose.
/// </summary>
public static class SiteDatabase
{
    /// <summary>Stores of their own on the site's database, with no line to the site's caches.</summary>
    public static SiteStorage OpenStorage(NewsSiteFactory site, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(site);
        return site.PostgresConnectionString() is { } postgres
            ? PostgresStorage.Open(postgres, clock)
            : SqliteStorage.OpenInDirectory(site.DataDirectory, clock);
    }

    /// <summary>Runs <paramref name="sqlite"/> or <paramref name="postgres"/>, whichever database the site is on.</summary>
    public static async Task ExecuteAsync(NewsSiteFactory site, string sqlite, string postgres)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.PostgresConnectionString() is { } connectionString)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.ExecuteAsync(postgres);
        }
        else
        {
            await using var connection = new SqliteConnection($"Data Source={SqliteDatabase.PathIn(site.DataDirectory)};Pooling=False");
            await connection.ExecuteAsync(sqlite);
        }
    }

    /// <summary>An open connection of its own to the site's database, for queries straight from the tables.</summary>
    public static async Task<System.Data.Common.DbConnection> OpenConnectionAsync(NewsSiteFactory site)
    {
        ArgumentNullException.ThrowIfNull(site);
        System.Data.Common.DbConnection connection = site.PostgresConnectionString() is { } postgres
            ? new NpgsqlConnection(postgres)
            : new SqliteConnection($"Data Source={SqliteDatabase.PathIn(site.DataDirectory)};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Holds the database's write lock for <paramref name="heldFor"/>, as another process's long write would (a big
    /// import batch, a backup): SQLite's BEGIN IMMEDIATE, PostgreSQL's write gate.
    /// </summary>
    public static async Task HoldWriteLockAsync(NewsSiteFactory site, TimeSpan heldFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.PostgresConnectionString() is { } postgres)
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await connection.ExecuteAsync("SELECT id FROM write_gate FOR UPDATE;", transaction: transaction);
            await Task.Delay(heldFor, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        await using var sqlite = await SqliteDatabase.InDirectory(site.DataDirectory).OpenAsync(cancellationToken);
        await using var immediate = await sqlite.BeginTransactionAsync(cancellationToken); // BEGIN IMMEDIATE
        await Task.Delay(heldFor, cancellationToken);
        await immediate.CommitAsync(cancellationToken);
    }

    /// <summary>A query both dialects understand alike (a count, say).</summary>
    public static async Task<T> ScalarAsync<T>(NewsSiteFactory site, string sql)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.PostgresConnectionString() is { } connectionString)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            return await connection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException("Kein Ergebnis: " + sql);
        }

        await using var sqliteConnection = new SqliteConnection($"Data Source={SqliteDatabase.PathIn(site.DataDirectory)};Pooling=False");
        return await sqliteConnection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException("Kein Ergebnis: " + sql);
    }
}
