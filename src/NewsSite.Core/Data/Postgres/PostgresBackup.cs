namespace NewsSite.Core.Data.Postgres;

/// <summary>
/// The backup commands copy a SQLite file; a PostgreSQL database is backed up with PostgreSQL's own tools, which copy
/// a live database consistently and restore it on any server (pg_dump and pg_restore, docs/operations.md). Asked to
/// back up or restore here, the commands say so instead of half-doing it.
/// </summary>
public sealed class PostgresBackup : IDatabaseBackup
{
    private const string UsePgDump =
        "Auf PostgreSQL sichern und zurückspielen pg_dump und pg_restore (siehe docs/operations.md, „Sicherung“); " +
        "die Befehle backup und restore gelten für SQLite.";

    public Task<DatabaseFileReport> BackupAsync(string targetPath, bool overwrite = false, CancellationToken cancellationToken = default) =>
        throw new DatabaseBackupException(UsePgDump);

    public Task<RestoreReport> RestoreAsync(
        string sourcePath, RestoreAccounts accounts = RestoreAccounts.KeepLive, CancellationToken cancellationToken = default) =>
        throw new DatabaseBackupException(UsePgDump);

    /// <summary>Nothing: no backup of this dialect writes temporary files.</summary>
    public IReadOnlyList<string> RemoveLeftoverFiles() => [];

    public Task<DatabaseFileReport> CheckAsync(string path, CancellationToken cancellationToken = default) =>
        throw new DatabaseBackupException(UsePgDump);
}
