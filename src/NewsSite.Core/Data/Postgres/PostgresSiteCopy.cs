using Dapper;
using NewsSite.Core.Data.Moving;
using Npgsql;
using NpgsqlTypes;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The PostgreSQL database a site moves into (<see cref="SiteCopy"/>): the whole move is one unit of work of
/// <see cref="PostgresDatabase.WriteAsync{T}"/>, so it holds the write gate and either commits whole or not at all.
/// </summary>
public sealed partial class PostgresSiteCopy(PostgresDatabase database) : ISiteCopyDestination
{
    public string Location => database.Location;

    public Task<T> InOneTransactionAsync<T>(Func<ISiteCopyTarget, Task<T>> copy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return database.WriteAsync(unit => copy(new Target(unit)), cancellationToken);
    }

    private sealed partial class Target(PostgresUnitOfWork unit) : ISiteCopyTarget
    {
        private NpgsqlConnection Connection => unit.Connection;

        public async Task<IReadOnlyList<string>> TablesAsync(CancellationToken cancellationToken) =>
            [.. await Connection.QueryAsync<string>(new CommandDefinition(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename;",
                transaction: unit.Transaction, cancellationToken: cancellationToken))];

        public async Task<CopyTable> DescribeAsync(string table, CancellationToken cancellationToken)
        {
            var columns = await Connection.QueryAsync<(string Name, string Type)>(new CommandDefinition(
                """
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = @Table ORDER BY ordinal_position;
                """, new { Table = table }, unit.Transaction, cancellationToken: cancellationToken));
            var key = await Connection.QueryAsync<string>(new CommandDefinition(
                """
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = to_regclass(quote_ident(@Table)) AND i.indisprimary
                ORDER BY array_position(i.indkey::int2[], a.attnum);
                """, new { Table = table }, unit.Transaction, cancellationToken: cancellationToken));
            var described = new CopyTable(table, [.. columns.Select(c => new CopyColumn(c.Name, Kind(table, c.Name, c.Type)))], [.. key]);
            return described.Columns.Count > 0 && described.Key.Count > 0
                ? described
                : throw new SiteCopyException($"Die Tabelle {table} fehlt in PostgreSQL oder hat keinen Primärschlüssel.");
        }

        public Task<long> CountAsync(string table, CancellationToken cancellationToken) =>
            Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT count(*) FROM {Quoted(table)};", transaction: unit.Transaction, cancellationToken: cancellationToken));

        public async Task PrepareAsync(IReadOnlyCollection<string> tables, CancellationToken cancellationToken)
        {
            // The live counters (authors, tags, article_totals) come as the source has them; with the triggers on,
            // every copied article would count a second time. DDL is transactional: a failed copy leaves them on.
            // The starting row of article_totals makes way for the source's.
            var sql = string.Concat(tables.Select(t => $"ALTER TABLE {Quoted(t)} DISABLE TRIGGER USER;"))
                + string.Concat(SiteTables.Seeded.Select(t => $"DELETE FROM {Quoted(t)};"));
            await Connection.ExecuteAsync(new CommandDefinition(sql, transaction: unit.Transaction, cancellationToken: cancellationToken));
        }

        public async Task<int> FinishAsync(IReadOnlyCollection<string> tables, CancellationToken cancellationToken)
        {
            await Connection.ExecuteAsync(new CommandDefinition(
                string.Concat(tables.Select(t => $"ALTER TABLE {Quoted(t)} ENABLE TRIGGER USER;")),
                transaction: unit.Transaction, cancellationToken: cancellationToken));

            // Ids were kept; the next one the database hands out must come after the highest copied one.
            var identities = (await Connection.QueryAsync<(string Table, string Column)>(new CommandDefinition(
                """
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name;
                """, transaction: unit.Transaction, cancellationToken: cancellationToken))).ToList();
            foreach (var (table, column) in identities)
            {
                await Connection.ExecuteAsync(new CommandDefinition(
                    $"SELECT setval(pg_get_serial_sequence(@Table, @Column), coalesce(max({Quoted(column)}), 0) + 1, false) FROM {Quoted(table)};",
                    new { Table = Quoted(table), Column = column }, unit.Transaction, cancellationToken: cancellationToken));
            }

            return identities.Count;
        }

        public async Task<int> RebuildSearchAsync(CancellationToken cancellationToken)
        {
            // Through the code path of every article write (PostgresSearchIndex.WriteRowAsync), in pages by id, so that
            // a large archive's bodies are never all in memory.
            var written = 0;
            var after = 0L;
            while (true)
            {
                var page = (await Connection.QueryAsync<PostgresSearchIndex.SearchSource>(new CommandDefinition(
                    PostgresSearchIndex.SearchSource.Select + " WHERE a.id > @After ORDER BY a.id LIMIT 500;",
                    new { After = after }, unit.Transaction, cancellationToken: cancellationToken))).ToList();
                if (page.Count == 0)
                {
                    return written;
                }

                foreach (var article in page)
                {
                    await PostgresSearchIndex.WriteRowAsync(unit, article);
                }

                written += page.Count;
                after = page[^1].Id;
            }
        }

        public string Storable(string text) => PostgresText.Storable(text);

        public void RollBack() => unit.RollBackAtEnd();

        private static ColumnKind Kind(string table, string column, string type) => type switch
        {
            "bigint" or "integer" or "smallint" => ColumnKind.Number,
            "boolean" => ColumnKind.Boolean,
            "timestamp with time zone" => ColumnKind.Instant,
            "text" => ColumnKind.Text,
            "bytea" => ColumnKind.Bytes,
            _ => throw new SiteCopyException($"Tabelle {table}, Spalte {column}: den Typ {type} kann copy-to-postgres nicht füllen."),
        };

        private static NpgsqlDbType DbType(ColumnKind kind) => kind switch
        {
            ColumnKind.Number => NpgsqlDbType.Bigint,
            ColumnKind.Boolean => NpgsqlDbType.Boolean,
            ColumnKind.Instant => NpgsqlDbType.TimestampTz,
            ColumnKind.Bytes => NpgsqlDbType.Bytea,
            _ => NpgsqlDbType.Text,
        };

        private static string Quoted(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
