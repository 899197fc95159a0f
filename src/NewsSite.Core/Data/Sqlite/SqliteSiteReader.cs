using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Data.Moving;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// A site's SQLite file as the source of a move (<see cref="SiteCopy"/>): one connection, one read transaction, so that
/// every table is read at the same moment even if a writer was forgotten. Values come out as
/// <see cref="ColumnKind"/> says: instants from their text (<see cref="SqliteDates"/>), flags from 0/1.
/// </summary>
public sealed class SqliteSiteReader : ISiteCopySource
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    private SqliteSiteReader(string location, SqliteConnection connection, SqliteTransaction transaction)
    {
        Location = location;
        _connection = connection;
        _transaction = transaction;
    }

    public string Location { get; }

    public static async Task<SqliteSiteReader> OpenAsync(SqliteDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return new SqliteSiteReader(database.Location, connection, connection.BeginTransaction(deferred: true));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<string>> TablesAsync(CancellationToken cancellationToken)
    {
        // A virtual table's storage (article_search_data, …) is SQLite's own, as is sqlite_sequence.
        return await ListAsync(
            """
            SELECT name FROM sqlite_schema t
            WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
              AND NOT EXISTS (SELECT 1 FROM sqlite_schema v
                              WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND t.name LIKE v.name || '\_%' ESCAPE '\')
            ORDER BY name;
            """, null, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ColumnsAsync(string table, CancellationToken cancellationToken) =>
        ListAsync("SELECT name FROM pragma_table_info($table) ORDER BY cid;", table, cancellationToken);

    public async Task<long> CountAsync(string table, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT count(*) FROM {Quoted(table)};");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async IAsyncEnumerable<object?[]> ReadAsync(CopyTable table, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);

        // BINARY: text keys in byte order, as PostgreSQL's COLLATE "C" orders them on the other side.
        await using var command = Command(
            $"SELECT {string.Join(", ", table.Columns.Select(c => Quoted(c.Name)))} FROM {Quoted(table.Name)} " +
            $"ORDER BY {string.Join(", ", table.Key.Select(k => Quoted(k) + " COLLATE BINARY"))};");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[table.Columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Value(table.Name, table.Columns[i], reader.GetValue(i));
            }

            yield return row;
        }
    }

    public async IAsyncEnumerable<long> IndexedArticleIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT rowid FROM article_search ORDER BY rowid;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetInt64(0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private static object Value(string table, CopyColumn column, object stored)
    {
        try
        {
            return column.Kind switch
            {
                ColumnKind.Instant => stored is string text ? Instant(text) : throw new FormatException(),
                ColumnKind.Boolean => Convert.ToInt64(stored, CultureInfo.InvariantCulture) != 0,
                ColumnKind.Number => Convert.ToInt64(stored, CultureInfo.InvariantCulture),
                ColumnKind.Bytes => stored as byte[] ?? throw new FormatException(),
                _ => stored as string ?? Convert.ToString(stored, CultureInfo.InvariantCulture)!,
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new SiteCopyException(
                $"Tabelle {table}, Spalte {column.Name}: der Wert „{stored}“ passt nicht zur Spalte ({column.Kind}) in PostgreSQL.", e);
        }
    }

    /// <summary>The stores write <see cref="SqliteDates"/>' format; anything else an old script left is read as ISO 8601 in UTC.</summary>
    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact)
            ? exact
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private async Task<IReadOnlyList<string>> ListAsync(string sql, string? table, CancellationToken cancellationToken)
    {
        await using var command = Command(sql);
        if (table is not null)
        {
            command.Parameters.AddWithValue("$table", table);
        }

        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;

        // Names come from SiteTables and the schemas' catalogues, quoted here; values are never spliced in.
        command.CommandText = sql;
        return command;
    }

    private static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
