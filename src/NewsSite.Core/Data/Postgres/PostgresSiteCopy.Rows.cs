using System.Runtime.CompilerServices;
using NewsSite.Core.Data.Moving;
using Npgsql;

namespace NewsSite.Core.Data.Postgres;

/// <summary>The rows themselves: written by binary COPY (one statement per table), read back in key order for the check.</summary>
public sealed partial class PostgresSiteCopy
{
    private sealed partial class Target
    {
        public async Task<IReadOnlyDictionary<string, int>> WriteAsync(
            CopyTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(table);
            ArgumentNullException.ThrowIfNull(rows);
            var repaired = table.Columns.Where(c => c.Kind == ColumnKind.Text).ToDictionary(c => c.Name, _ => 0, StringComparer.Ordinal);

            // Binary COPY makes no casts: each value goes in its column's own type (integer is not bigint).
            var types = await DescribeTypesAsync(table, cancellationToken);
            await using var importer = await Connection.BeginBinaryImportAsync(
                $"COPY {Quoted(table.Name)} ({string.Join(", ", table.Columns.Select(c => Quoted(c.Name)))}) FROM STDIN (FORMAT BINARY);",
                cancellationToken);
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < row.Length; i++)
                {
                    var value = row[i];
                    switch (value)
                    {
                        case null:
                            await importer.WriteNullAsync(cancellationToken);
                            break;
                        case string text:
                            var storable = PostgresText.Storable(text);
                            if (!ReferenceEquals(storable, text))
                            {
                                repaired[table.Columns[i].Name]++;
                            }

                            await importer.WriteAsync(storable, types[i], cancellationToken);
                            break;
                        case DateTimeOffset instant:
                            await importer.WriteAsync(TableDigest.ToMicroseconds(instant).UtcDateTime, types[i], cancellationToken);
                            break;
                        case long number when types[i] == NpgsqlTypes.NpgsqlDbType.Integer:
                            await importer.WriteAsync(checked((int)number), types[i], cancellationToken);
                            break;
                        case long number when types[i] == NpgsqlTypes.NpgsqlDbType.Smallint:
                            await importer.WriteAsync(checked((short)number), types[i], cancellationToken);
                            break;
                        default:
                            await importer.WriteAsync(value, types[i], cancellationToken);
                            break;
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken);
            return repaired;
        }

        public async IAsyncEnumerable<object?[]> ReadAsync(CopyTable table, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(table);
            var order = string.Join(", ", table.Key.Select(k =>
                table.Columns.FirstOrDefault(c => c.Name == k)?.Kind == ColumnKind.Text ? Quoted(k) + " COLLATE \"C\"" : Quoted(k)));
            await using var command = new NpgsqlCommand(
                $"SELECT {string.Join(", ", table.Columns.Select(c => Quoted(c.Name)))} FROM {Quoted(table.Name)} ORDER BY {order};",
                Connection, unit.Transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new object?[table.Columns.Count];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) switch
                    {
                        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
                        int number => (long)number,
                        short number => (long)number,
                        var other => other,
                    };
                }

                yield return row;
            }
        }

        public async IAsyncEnumerable<long> IndexedArticleIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("SELECT article_id FROM article_search ORDER BY article_id;", Connection, unit.Transaction);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                yield return reader.GetInt64(0);
            }
        }

        private async Task<NpgsqlTypes.NpgsqlDbType[]> DescribeTypesAsync(CopyTable table, CancellationToken cancellationToken)
        {
            var types = new Dictionary<string, string>(StringComparer.Ordinal);
            await using var command = new NpgsqlCommand(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table;",
                Connection, unit.Transaction);
            command.Parameters.AddWithValue("table", table.Name);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    types[reader.GetString(0)] = reader.GetString(1);
                }
            }

            return [.. table.Columns.Select(c => types[c.Name] switch
            {
                "integer" => NpgsqlTypes.NpgsqlDbType.Integer,
                "smallint" => NpgsqlTypes.NpgsqlDbType.Smallint,
                _ => DbType(c.Kind),
            })];
        }
    }
}
