using Microsoft.Data.Sqlite;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>SQLite's result codes, turned into the storage error every caller understands.</summary>
internal static class SqliteErrors
{
    // https://www.sqlite.org/rescode.html (primary codes; extended codes carry them in their low byte).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int CantOpen = 14;
    private const int Constraint = 19;

    public static StorageException Translate(SqliteException error) => new(
        (error.SqliteErrorCode & 0xff) switch
        {
            Constraint => StorageFailure.Constraint,
            Busy or Locked => StorageFailure.Busy,
            CantOpen => StorageFailure.Unavailable,
            _ => StorageFailure.Other,
        },
        error.Message,
        error);
}
