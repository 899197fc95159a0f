namespace NewsSite.Core.Data.Moving;

/// <summary>The database a site moves out of, read within one snapshot, so that the copy is of one moment.</summary>
public interface ISiteCopySource : IAsyncDisposable
{
    string Location { get; }

    /// <summary>Its tables, without the database's own (sqlite_sequence, the full-text index's storage).</summary>
    Task<IReadOnlyList<string>> TablesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> ColumnsAsync(string table, CancellationToken cancellationToken);

    Task<long> CountAsync(string table, CancellationToken cancellationToken);

    /// <summary>Every row, ordered by <see cref="CopyTable.Key"/> (text in byte order), values as <see cref="ColumnKind"/> says.</summary>
    IAsyncEnumerable<object?[]> ReadAsync(CopyTable table, CancellationToken cancellationToken);

    /// <summary>The ids of the articles the full-text index holds, ascending.</summary>
    IAsyncEnumerable<long> IndexedArticleIdsAsync(CancellationToken cancellationToken);
}
