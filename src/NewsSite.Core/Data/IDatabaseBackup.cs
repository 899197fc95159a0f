namespace NewsSite.Core.Data;

/// <summary>What a check of a database copy found: its size, schema version, contents and the database's own verdict.</summary>
/// <param name="Problems">The database's complaints about the copy; empty when it is sound.</param>
public sealed record DatabaseFileReport(
    string FilePath, long Bytes, int SchemaVersion, long Articles, long Revisions, long Accounts, IReadOnlyList<string> Problems)
{
    public bool IsSound => Problems.Count == 0;
}

/// <summary>What a restore did: the copy it came from, where the replaced data was kept, the journal entry, the accounts.</summary>
public sealed record RestoreReport(
    DatabaseFileReport Source, DatabaseFileReport SafetyCopy, int MigrationsApplied, long WholeSiteChangeId, RestoredAccounts Accounts);

/// <summary>Whose accounts a restore leaves in place.</summary>
public enum RestoreAccounts
{
    /// <summary>
    /// The default: the accounts as they are now (names, password hashes, roles, security stamps) and their sessions
    /// stay; the backup's are not taken. A password changed or an account removed since the backup stays so.
    /// </summary>
    KeepLive,

    /// <summary>
    /// The backup's accounts, asked for explicitly (a new machine, a lost account): every security stamp is renewed
    /// and every session ends, so that no cookie from before works on them.
    /// </summary>
    FromBackup,
}

/// <summary>What a restore did with accounts: the names before it and in the backup, and the sessions there were.</summary>
/// <param name="LiveSessions">Sessions before the restore: kept with <see cref="RestoreAccounts.KeepLive"/>, ended otherwise.</param>
public sealed record RestoredAccounts(
    RestoreAccounts Choice, IReadOnlyList<string> LiveNames, IReadOnlyList<string> BackupNames, int LiveSessions);

/// <summary>A backup or restore that was refused or failed; the message is German, for the operator.</summary>
public sealed class DatabaseBackupException(string message) : Exception(message);

/// <summary>
/// Copies of the live database while the site serves, checked, and the way back from one. A copy holds password
/// hashes: every file written is readable by its owner only (on Unix, mode 0600 from its creation on).
/// </summary>
public interface IDatabaseBackup
{
    /// <summary>Copies the live database to <paramref name="targetPath"/> and checks the copy.</summary>
    /// <exception cref="DatabaseBackupException">The target exists and <paramref name="overwrite"/> is false.</exception>
    /// <returns>The check of the copy; when it is not sound, no file is left under the target's name.</returns>
    Task<DatabaseFileReport> BackupAsync(string targetPath, bool overwrite = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks <paramref name="sourcePath"/>, keeps the live database as a safety copy beside it, then replaces the live
    /// database with the source, migrated to this app's schema, with the accounts <paramref name="accounts"/> says,
    /// and journals a change of the whole site so that running sites drop their page caches.
    /// </summary>
    /// <exception cref="DatabaseBackupException">The source is no sound database of this site, or from a newer app.</exception>
    Task<RestoreReport> RestoreAsync(
        string sourcePath, RestoreAccounts accounts = RestoreAccounts.KeepLive, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes what a backup or restore killed midway left in the database's folder (its temporary, database-sized
    /// copies), leaving alone those of runs still going in other processes. A backup does the same in its target's
    /// folder.
    /// </summary>
    /// <returns>The files deleted.</returns>
    IReadOnlyList<string> RemoveLeftoverFiles();

    /// <summary>Reports what a backup copy holds and whether the database finds it sound.</summary>
    /// <exception cref="DatabaseBackupException">The file is no database copy at all.</exception>
    Task<DatabaseFileReport> CheckAsync(string path, CancellationToken cancellationToken = default);
}
