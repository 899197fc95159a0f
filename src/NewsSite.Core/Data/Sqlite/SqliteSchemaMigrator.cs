using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// Applies the numbered scripts in Data/Sqlite/Migrations (embedded in this assembly) that the database has not seen yet.
/// The schema version lives in PRAGMA user_version, which SQLite writes inside the same transaction as the scripts:
/// either every pending script is applied and the version moves, or nothing changes.
/// </summary>
public sealed partial class SqliteSchemaMigrator(SqliteDatabase database)
{
    public sealed record Migration(int Version, string Name, string Sql);

    /// <summary>
    /// Numbers given to migrations of changes made alongside this one on other branches (issue 18), which this branch
    /// may not contain yet: the only gaps allowed. Remove a number once its script is merged; a database migrated past
    /// a gap before that never runs the gap's script, so such databases are for development only.
    /// </summary>
    private static readonly HashSet<int> ReservedVersions = [20];

    public static IReadOnlyList<Migration> All { get; } = LoadMigrations();

    public static int LatestVersion => All.Count == 0 ? 0 : All[^1].Version;

    public async Task<int> GetVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>("PRAGMA user_version;");
    }

    /// <returns>The number of scripts applied.</returns>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(database.FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await database.OpenAsync(cancellationToken);

        // Cannot run inside a transaction; persists in the file, so later connections use WAL too.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");

        // IMMEDIATE: a second process starting at the same moment waits here, then sees the new version.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.ExecuteScalarAsync<int>("PRAGMA user_version;", transaction: transaction);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"Die Datenbank {database.FilePath} hat Schema-Version {current}, diese Version der Anwendung kennt nur bis {LatestVersion}. " +
                "Bitte die neuere Anwendung verwenden.");
        }

        var pending = All.Where(m => m.Version > current).ToList();
        foreach (var migration in pending)
        {
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
        }

        if (pending.Count > 0)
        {
            // PRAGMA takes no parameters; the value is an int we computed, not input.
            await connection.ExecuteAsync(
                "PRAGMA user_version = " + LatestVersion.ToString(CultureInfo.InvariantCulture) + ";",
                transaction: transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return pending.Count;
    }

    private static List<Migration> LoadMigrations()
    {
        var assembly = typeof(SqliteSchemaMigrator).Assembly;
        const string prefix = "NewsSite.Core.Data.Sqlite.Migrations.";
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
        var expected = 1;
        foreach (var migration in migrations)
        {
            while (migration.Version > expected && ReservedVersions.Contains(expected))
            {
                expected++;
            }

            if (migration.Version != expected)
            {
                throw new InvalidOperationException($"Migrationen müssen lückenlos ab 0001 nummeriert sein; „{migration.Name}“ passt nicht.");
            }

            expected++;
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
