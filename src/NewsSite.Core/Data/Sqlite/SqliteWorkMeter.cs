namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// The work SQLite did while the meter ran, in virtual machine instructions (counted in steps of
/// <see cref="SqliteSession.MeasuredProgressInterval"/>), on every statement of the database's sessions, nested ones such as
/// FTS5's reads of its tables included. Tests hold a query's work to a bound this way rather than by the clock.
/// </summary>
public sealed class SqliteWorkMeter : IDisposable
{
    private readonly Action<SqliteWorkMeter> _stop;
    private long _instructions;

    internal SqliteWorkMeter(Action<SqliteWorkMeter> stop) => _stop = stop;

    public long Instructions => Interlocked.Read(ref _instructions);

    internal void Add(int instructions) => Interlocked.Add(ref _instructions, instructions);

    public void Dispose() => _stop(this);
}
