namespace NewsSite.Core.Data;

/// <summary>What a check of a database copy found: its size, schema version, contents and the database's own verdict.</summary>
/// <param name="Problems">The database's complaints about the copy; empty when it is sound.</param>
public sealed record DatabaseFileReport(
    string FilePath, long Bytes, int SchemaVersion, long Articles, long Revisions, long Accounts, IReadOnlyList<string> Problems)
{
    public bool IsSound => Problems.Count == 0;
}

/// <summary>What a restore did: the copy it came from, where the replaced data was kept, the journal entry.</summary>
public sealed record RestoreReport(DatabaseFileReport Source, DatabaseFileReport SafetyCopy, int MigrationsApplied, long WholeSiteChangeId);

/// <summary>A backup or restore that was refused or failed; the message is German, for the operator.</summary>
public sealed class DatabaseBackupException(string message) : Exception(message);

/// <summary>Copies of the live database while the site serves, checked, and the way back from one.</summary>
public interface IDatabaseBackup
{
    /// <summary>Copies the live database to <paramref name="targetPath"/> and checks the copy.</summary>
    /// <exception cref="DatabaseBackupException">The target exists and <paramref name="overwrite"/> is false.</exception>
    /// <returns>The check of the copy; when it is not sound, no file is left under the target's name.</returns>
    Task<DatabaseFileReport> BackupAsync(string targetPath, bool overwrite = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks <paramref name="sourcePath"/>, keeps the live database as a safety copy beside it, then replaces the live
    /// database with the source, migrated to this app's schema, and journals a change of the whole site so that
    /// running sites drop their page caches.
    /// </summary>
    /// <exception cref="DatabaseBackupException">The source is no sound database of this site, or from a newer app.</exception>
    Task<RestoreReport> RestoreAsync(string sourcePath, CancellationToken cancellationToken = default);

    /// <summary>Reports what a backup copy holds and whether the database finds it sound.</summary>
    /// <exception cref="DatabaseBackupException">The file is no database copy at all.</exception>
    Task<DatabaseFileReport> CheckAsync(string path, CancellationToken cancellationToken = default);
}
