using Npgsql;

namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// One write's connection and transaction, shared by every store that takes part in it (the article, its author, its
/// search row, its journal entry), so that the write is atomic without the stores being one class.
/// </summary>
public sealed class PostgresUnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    public NpgsqlConnection Connection { get; } = connection;

    public NpgsqlTransaction Transaction { get; } = transaction;

    /// <summary>Set by the journal when the write changed what readers see: caches must hear of it after the commit.</summary>
    public bool ChangedPublicContent { get; private set; }

    /// <summary>Set for a dry run: everything is checked, then nothing kept.</summary>
    public bool RollsBack { get; private set; }

    public void MarkPublicChange() => ChangedPublicContent = true;

    public void RollBackAtEnd() => RollsBack = true;
}
