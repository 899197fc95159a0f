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
