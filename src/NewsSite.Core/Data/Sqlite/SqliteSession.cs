using Dapper;
using Microsoft.Data.Sqlite;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// An open connection lent to one read or write at a time, with the statements it has compiled: a statement that runs
/// on every page is prepared once per session and then only bound and stepped.
/// </summary>
public sealed class SqliteSession : IAsyncDisposable
{
    /// <summary>
    /// SQLite calls back every this many virtual machine instructions of any statement on the connection, FTS5's own
    /// included: often enough that a cancelled read stops within microseconds, rarely enough to cost nothing
    /// measurable (a call per few microseconds of work).
    /// </summary>
    internal const int ProgressInterval = 1_000;

    /// <summary>The interval while work is measured, so that the counts are fine enough for small test corpora.</summary>
    internal const int MeasuredProgressInterval = 10;

    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    // Kept here as well as in SQLitePCL's hook table, so that the delegate lives exactly as long as the session.
    private readonly SQLitePCL.delegate_progress _onProgress;

    public SqliteSession(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        _onProgress = _ => OnProgress();
        SQLitePCL.raw.sqlite3_progress_handler(connection.Handle, ProgressInterval, _onProgress, null);
    }

    public SqliteConnection Connection { get; }

    internal bool IsTraced { get; set; }

    /// <summary>While a read runs: its request's token. SQLite stops the running statement once it is cancelled.</summary>
    internal CancellationToken Interruption { get; set; }

    /// <summary>While work is measured (<see cref="SqliteDatabase.MeasureWork"/>): where to count it.</summary>
    internal SqliteWorkMeter? Meter
    {
        get;
        set
        {
            if ((field is null) != (value is null))
            {
                SQLitePCL.raw.sqlite3_progress_handler(
                    Connection.Handle, value is null ? ProgressInterval : MeasuredProgressInterval, _onProgress, null);
            }

            field = value;
        }
    }

    // Non-zero makes SQLite stop the statement with SQLITE_INTERRUPT; the connection stays usable.
    private int OnProgress()
    {
        Meter?.Add(MeasuredProgressInterval);
        return Interruption.IsCancellationRequested ? 1 : 0;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (one statement) as a prepared statement with these parameters, in
    /// <paramref name="transaction"/> if given, and maps each row with Dapper's row parser.
    /// </summary>
    public async Task<List<T>> QueryPreparedAsync<T>(
        string sql, SqliteTransaction? transaction, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Prepared(sql, parameters);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        var parse = reader.GetRowParser<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(parse(reader));
        }

        return rows;
    }

    /// <summary>The single value of the first row, or default when there is none.</summary>
    public async Task<T?> ScalarPreparedAsync<T>(
        string sql, SqliteTransaction? transaction, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Prepared(sql, parameters);
        command.Transaction = transaction;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private SqliteCommand Prepared(string sql, (string Name, object? Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _prepared[sql] = command;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }

        _prepared.Clear();
        await Connection.DisposeAsync();
    }
}
