using Microsoft.Extensions.Logging;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// What <see cref="PostgresDatabase.ObserveStatements"/> sees: Npgsql logs every command it executes (category
/// Npgsql.Command, with the command's text); this logger factory, given to the database's own data source only, hands
/// that text to the observer while there is one and is silent otherwise.
/// </summary>
internal sealed class StatementLog : ILoggerFactory
{
    private Action<string>? _observer;

    public IDisposable Observe(Action<string> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (Interlocked.CompareExchange(ref _observer, observer, null) is not null)
        {
            throw new InvalidOperationException("Es beobachtet schon jemand die Anweisungen dieser Datenbank.");
        }

        return new Observation(this);
    }

    public ILogger CreateLogger(string categoryName) =>
        categoryName == "Npgsql.Command" ? new CommandLogger(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Observation(StatementLog log) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref log._observer, null);
    }

    private sealed class CommandLogger(StatementLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => Volatile.Read(ref log._observer) is not null;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Npgsql (10) logs a command once as it starts (ExecutingCommand, Debug, with CommandText; ExecutingBatch
            // with BatchCommands, the texts of a command of several statements, as a string[]) and once when it
            // completes (CommandExecutionCompleted, BatchExecutionCompleted). The start is counted, so that a failed
            // statement is seen too: one observation per round trip, a batch's statements joined as they were sent.
            if (Volatile.Read(ref log._observer) is not { } observer || state is not IReadOnlyList<KeyValuePair<string, object?>> values
                || eventId.Name is not ("ExecutingCommand" or "ExecutingBatch"))
            {
                return;
            }

            foreach (var (key, value) in values)
            {
                switch (key, value)
                {
                    case ("CommandText", string text):
                        observer(text);
                        break;
                    case ("BatchCommands", IEnumerable<string> texts):
                        observer(string.Join("; ", texts));
                        break;
                }
            }
        }
    }
}
