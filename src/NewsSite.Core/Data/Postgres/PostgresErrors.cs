using Npgsql;

namespace NewsSite.Core.Data.Postgres;

/// <summary>PostgreSQL's SQLSTATE codes and Npgsql's own failures, turned into the storage error every caller understands.</summary>
internal static class PostgresErrors
{
    /// <summary>
    /// The storage error for <paramref name="error"/>, an <see cref="OperationCanceledException"/> when the caller
    /// cancelled, or null for an exception that is not the database's (ours, passed through unchanged).
    /// </summary>
    public static Exception? Translate(Exception error, CancellationToken cancellationToken) => error switch
    {
        StorageException or OperationCanceledException => null,
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } when cancellationToken.IsCancellationRequested =>
            new OperationCanceledException("Die Anfrage wurde abgebrochen; die laufende Abfrage ist beendet.", error, cancellationToken),
        PostgresException postgres => new StorageException(Failure(postgres.SqlState), postgres.MessageText, postgres),
        // Not the server's answer but no answer at all: refused, reset, timed out, the pool exhausted.
        NpgsqlException or TimeoutException or System.Net.Sockets.SocketException =>
            new StorageException(StorageFailure.Unavailable, error.Message, error),
        _ => null,
    };

    // https://www.postgresql.org/docs/current/errcodes-appendix.html
    private static StorageFailure Failure(string sqlState) => sqlState switch
    {
        _ when sqlState.StartsWith("23", StringComparison.Ordinal) => StorageFailure.Constraint,
        PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
            => StorageFailure.Busy,
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => StorageFailure.Unavailable,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.InvalidCatalogName => StorageFailure.Unavailable,
        _ => StorageFailure.Other,
    };
}
