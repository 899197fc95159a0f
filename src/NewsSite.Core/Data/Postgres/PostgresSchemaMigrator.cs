using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// Applies the numbered scripts in Data/Postgres/Migrations (embedded in this assembly) that the database has not seen
/// yet, in one transaction (PostgreSQL's DDL is transactional): either every pending script is applied and recorded in
/// schema_migrations, or nothing changes. Nodes starting at the same moment take turns on an advisory lock, so the
/// second one finds the work done.
/// </summary>
public sealed partial class PostgresSchemaMigrator(PostgresDatabase database)
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> All { get; } = LoadMigrations();

    public static int LatestVersion => All.Count == 0 ? 0 : All[^1].Version;

    public async Task<int> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(
            "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE (SELECT coalesce(max(version), 0) FROM schema_migrations) END;");
    }

    /// <returns>The number of scripts applied.</returns>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Per schema, so that the tests' schemas on one server do not wait for each other.
        await connection.ExecuteAsync(
            "SELECT pg_advisory_xact_lock(hashtext('newssite-migrations:' || current_schema()));", transaction: transaction);
        await connection.ExecuteAsync(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, transaction: transaction);
        var current = await connection.ExecuteScalarAsync<int>(
            "SELECT coalesce(max(version), 0) FROM schema_migrations;", transaction: transaction);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"Die Datenbank {database.Location} hat Schema-Version {current}, diese Version der Anwendung kennt nur bis {LatestVersion}. " +
                "Bitte die neuere Anwendung verwenden.");
        }

        var pending = All.Where(m => m.Version > current).ToList();
        foreach (var migration in pending)
        {
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name) VALUES (@Version, @Name);",
                new { migration.Version, migration.Name }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return pending.Count;
    }

    private static List<Migration> LoadMigrations()
    {
        var assembly = typeof(PostgresSchemaMigrator).Assembly;
        const string prefix = "NewsSite.Core.Data.Postgres.Migrations.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..];
            var match = MigrationName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException($"Migration „{name}“ folgt nicht dem Muster 0001_name.sql.");
            }

            migrations.Add(new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, Read(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrationen müssen lückenlos ab 0001 nummeriert sein; „{migrations[i].Name}“ passt nicht.");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex MigrationName();
}
