namespace NewsSite.Core.Data.Moving;

/// <summary>The database a site moves into, everything within one transaction (see <see cref="ISiteCopyDestination"/>).</summary>
public interface ISiteCopyTarget
{
    Task<IReadOnlyList<string>> TablesAsync(CancellationToken cancellationToken);

    /// <summary>The table's columns, typed, and its primary key.</summary>
    Task<CopyTable> DescribeAsync(string table, CancellationToken cancellationToken);

    Task<long> CountAsync(string table, CancellationToken cancellationToken);

    /// <summary>Before the rows: the counters the triggers keep are copied as they are, so the triggers rest meanwhile.</summary>
    Task PrepareAsync(IReadOnlyCollection<string> tables, CancellationToken cancellationToken);

    /// <summary>Writes the rows with their ids; returns per column how many texts had to be changed to be stored.</summary>
    Task<IReadOnlyDictionary<string, int>> WriteAsync(CopyTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>After the rows: the triggers back on; every id sequence past the highest id. Returns how many sequences.</summary>
    Task<int> FinishAsync(IReadOnlyCollection<string> tables, CancellationToken cancellationToken);

    /// <summary>The full-text index for every copied article, written as the target's article writes write it.</summary>
    Task<int> RebuildSearchAsync(CancellationToken cancellationToken);

    IAsyncEnumerable<object?[]> ReadAsync(CopyTable table, CancellationToken cancellationToken);

    IAsyncEnumerable<long> IndexedArticleIdsAsync(CancellationToken cancellationToken);

    /// <summary>Text as the target can hold it (PostgreSQL: without NUL, U+FFFD for a lone surrogate).</summary>
    string Storable(string text);

    /// <summary>Nothing of this transaction is kept.</summary>
    void RollBack();
}

/// <summary>Runs a copy within one transaction of the target: committed when it returns, unless it rolled back.</summary>
public interface ISiteCopyDestination
{
    string Location { get; }

    Task<T> InOneTransactionAsync<T>(Func<ISiteCopyTarget, Task<T>> copy, CancellationToken cancellationToken);
}
