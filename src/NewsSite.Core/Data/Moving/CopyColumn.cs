namespace NewsSite.Core.Data.Moving;

/// <summary>
/// What a column holds, as the target's schema types it. Values travel between the dialects as .NET values of one
/// kind each: <see cref="long"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/>, <see cref="string"/>,
/// <see cref="byte"/>[]; each dialect turns its own storage into these (SQLite's instants are text, its flags 0/1).
/// </summary>
public enum ColumnKind
{
    Number,
    Boolean,
    Instant,
    Text,
    Bytes,
}

public sealed record CopyColumn(string Name, ColumnKind Kind);

/// <summary>A table's columns and primary key, as the target has them; the key orders the rows on both sides.</summary>
public sealed record CopyTable(string Name, IReadOnlyList<CopyColumn> Columns, IReadOnlyList<string> Key);
