namespace NewsSite.Core.Data;

/// <summary>What kind of refusal a storage error is, so that callers can answer without knowing the database.</summary>
public enum StorageFailure
{
    /// <summary>A row broke a rule of the schema (a unique name, a check, a foreign key).</summary>
    Constraint,

    /// <summary>Another writer held the database for longer than the busy timeout.</summary>
    Busy,

    /// <summary>The database cannot be reached or opened at all.</summary>
    Unavailable,

    /// <summary>The database refused the statement for another reason (a corrupt file, a full disk).</summary>
    Other,
}

/// <summary>
/// The database refused or failed a statement. Every store translates its driver's own exception into this one, so
/// that pages, the importer, the uploader and the health check never name a database driver.
/// </summary>
public sealed class StorageException(StorageFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public StorageFailure Failure { get; } = failure;
}
