using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Data.Sqlite;

/// <summary>
/// Copies of the site's database while the site serves. A backup is SQLite's online backup API in one step: one read
/// transaction, so the copy is one consistent moment even while others write (WAL lets them go on meanwhile). It is
/// written under a temporary name, checked (integrity_check, foreign_key_check) and only then renamed, so a file under
/// the final name is always a whole, checked backup. A restore goes the other way, with the same API into the live
/// database: SQLite takes the write lock, replaces every page and commits, so the site's open connections simply see
/// the restored data next, and WAL and -shm stay consistent. Every file written here holds password hashes: it is
/// created readable by its owner only, before SQLite writes a byte into it. Temporary copies carry the writing
/// process's id in their name, so that the next run can tell a killed run's leftovers from a running one's.
/// </summary>
public sealed partial class SqliteBackup(SqliteDatabase database, TimeProvider clock) : IDatabaseBackup
{
    // The first 16 bytes of every SQLite 3 database file.
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    // This process's temporary files still in use, which a clean-up in the same process must not take for leftovers.
    private static readonly ConcurrentDictionary<string, byte> InFlight = new(StringComparer.Ordinal);

    /// <summary>Copies the live database to <paramref name="targetPath"/> and checks the copy.</summary>
    /// <exception cref="DatabaseBackupException">The target exists and <paramref name="overwrite"/> is false.</exception>
    /// <returns>The check of the copy; when it is not sound, no file is left under the target's name.</returns>
    public async Task<DatabaseFileReport> BackupAsync(string targetPath, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        var target = Path.GetFullPath(targetPath);
        if (!overwrite && (File.Exists(target) || Directory.Exists(target)))
        {
            throw new DatabaseBackupException($"„{target}“ existiert schon. Einen anderen Namen wählen oder mit --force ersetzen.");
        }

        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new DatabaseBackupException($"Der Ordner „{folder}“ existiert nicht.");
        }

        RemoveLeftoverFiles(folder);
        var temporary = NewTemporaryPath(target);
        try
        {
            await CopyLiveDatabaseAsync(temporary, cancellationToken);
            var report = await CheckFileAsync(temporary, cancellationToken);
            if (!report.IsSound)
            {
                return report with { FilePath = target };
            }

            File.Move(temporary, target, overwrite);
            return report with { FilePath = target };
        }
        finally
        {
            DeleteWithCompanions(temporary);
            InFlight.TryRemove(temporary, out _);
        }
    }

    /// <summary>
    /// Checks <paramref name="sourcePath"/>, keeps the live database as a safety copy beside it, then replaces the
    /// live database with the source, migrated to this app's schema, with the accounts <paramref name="accounts"/>
    /// says, and journals a change of the whole site so that running sites drop their page caches.
    /// </summary>
    /// <exception cref="DatabaseBackupException">The source is no sound NewsSite database, or from a newer app.</exception>
    public async Task<RestoreReport> RestoreAsync(
        string sourcePath, RestoreAccounts accounts = RestoreAccounts.KeepLive, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(sourcePath);
        if (!File.Exists(source))
        {
            throw new DatabaseBackupException($"Die Datei „{source}“ existiert nicht.");
        }

        if (source == database.FilePath)
        {
            throw new DatabaseBackupException("Das ist die laufende Datenbank selbst; wiederhergestellt wird aus einer Sicherung.");
        }

        await RefuseNonSqliteAsync(source, cancellationToken);
        var folder = Path.GetDirectoryName(database.FilePath)!;
        Directory.CreateDirectory(folder);

        // The source itself is never written: it is checked and migrated as a copy, which then goes into the live file.
        RemoveLeftoverFiles(folder);
        var working = NewTemporaryPath(Path.Combine(folder, SqliteDatabase.FileName + ".restore"));
        try
        {
            await CopyPrivatelyAsync(source, working, cancellationToken);
            var checkedSource = await CheckFileAsync(working, cancellationToken) with { FilePath = source };
            if (!checkedSource.IsSound)
            {
                throw new DatabaseBackupException(
                    $"„{source}“ ist beschädigt und wird nicht eingespielt:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", checkedSource.Problems));
            }

            if (checkedSource.SchemaVersion > SqliteSchemaMigrator.LatestVersion)
            {
                throw new DatabaseBackupException(
                    $"„{source}“ hat Schema-Version {checkedSource.SchemaVersion}, diese Version der Anwendung kennt nur bis " +
                    $"{SqliteSchemaMigrator.LatestVersion}. Bitte mit der neueren Anwendung wiederherstellen.");
            }

            if (checkedSource.SchemaVersion < 1)
            {
                throw new DatabaseBackupException($"„{source}“ ist eine SQLite-Datei, aber keine Datenbank dieser Website (Schema-Version 0).");
            }

            var workingDatabase = new SqliteDatabase(working);
            var applied = await workingDatabase.MigrateAsync(cancellationToken);

            // A backup from before search (schema 3) gets its search rows here, as a site does when it starts: the
            // running site will not start again to do it.
            await new SqliteSearchIndex(workingDatabase).IndexUnindexedArticlesAsync(cancellationToken);
            await new SqliteArticleStore(workingDatabase, clock).FillMissingOutlinesAsync(cancellationToken);

            var stamp = NewsroomTime.ToLocal(clock.GetUtcNow()).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var safetyCopy = await BackupAsync(
                Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(SqliteDatabase.FileName)}-vor-wiederherstellung-{stamp}.db"),
                overwrite: false, cancellationToken);
            if (!safetyCopy.IsSound)
            {
                throw new DatabaseBackupException(
                    "Die laufende Datenbank lässt sich nicht fehlerfrei sichern; vor dem Wiederherstellen wird nichts ersetzt:" +
                    Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", safetyCopy.Problems));
            }

            var replacedLastId = await new SqliteContentJournal(database, clock).FindLastChangeIdAsync(cancellationToken);
            var changeId = await new SqliteContentJournal(workingDatabase, clock).RecordWholeSiteChangeAsync(replacedLastId, cancellationToken);

            // Last before the copy, so that the accounts are as fresh as they can be: an account change in the moment
            // of the copy itself is lost like any other write then (docs/operations.md).
            var carried = await CarryAccountsAsync(workingDatabase, accounts, cancellationToken);
            await ReplaceLiveDatabaseAsync(workingDatabase, cancellationToken);
            return new RestoreReport(checkedSource, safetyCopy, applied, changeId, carried);
        }
        finally
        {
            SqliteDatabase.ReleaseAllFiles();
            DeleteWithCompanions(working);
            InFlight.TryRemove(working, out _);
        }
    }

    public IReadOnlyList<string> RemoveLeftoverFiles() => RemoveLeftoverFiles(Path.GetDirectoryName(database.FilePath)!);

    /// <summary>
    /// Deletes the temporary files in <paramref name="folder"/> that no running backup or restore owns: their writer
    /// has ended (a kill skips every finally block), or is this process and no longer uses them.
    /// </summary>
    public static IReadOnlyList<string> RemoveLeftoverFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var match = TemporaryName().Match(Path.GetFileName(file));
            if (!match.Success || !int.TryParse(match.Groups["pid"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var owned = pid == Environment.ProcessId
                ? InFlight.ContainsKey(file[..^match.Groups["companion"].Length])
                : IsRunning(pid);
            if (owned)
            {
                continue;
            }

            try
            {
                File.Delete(file);
                removed.Add(file);
            }
            catch (IOException)
            {
                // Still open somewhere after all; the next run tries again.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to delete (another user's run in a shared folder).
            }
        }

        return removed;
    }

    /// <summary>
    /// Leaves the working copy with the accounts <paramref name="choice"/> asks for, just before it replaces the live
    /// database. Keeping the live ones replaces the copy's users and sessions with the live rows (read through the
    /// live file attached, in one transaction); taking the backup's renews every stamp and ends every session.
    /// </summary>
    private async Task<RestoredAccounts> CarryAccountsAsync(SqliteDatabase working, RestoreAccounts choice, CancellationToken cancellationToken)
    {
        await using var connection = await working.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("ATTACH DATABASE @Live AS live;", new { Live = database.FilePath });
        try
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var backupNames = (await connection.QueryAsync<string>("SELECT name FROM main.users ORDER BY name;", transaction: transaction)).ToList();
            var liveNames = (await connection.QueryAsync<string>("SELECT name FROM live.users ORDER BY name;", transaction: transaction)).ToList();
            var liveSessions = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM live.sessions;", transaction: transaction);

            await connection.ExecuteAsync("DELETE FROM main.sessions;", transaction: transaction);
            if (choice == RestoreAccounts.KeepLive)
            {
                await connection.ExecuteAsync(
                    """
                    DELETE FROM main.users;
                    INSERT INTO main.users (id, name, role, password_hash, security_stamp, created_at, password_changed_at)
                    SELECT id, name, role, password_hash, security_stamp, created_at, password_changed_at FROM live.users;
                    INSERT INTO main.sessions (id_hash, user_id, created_at, last_seen_at, expires_at, client_address, user_agent)
                    SELECT id_hash, user_id, created_at, last_seen_at, expires_at, client_address, user_agent FROM live.sessions;
                    """,
                    transaction: transaction);
            }
            else
            {
                // A cookie sealed before the restore carries an old stamp: a new one for every account ends them all.
                foreach (var id in await connection.QueryAsync<long>("SELECT id FROM main.users;", transaction: transaction))
                {
                    await connection.ExecuteAsync(
                        "UPDATE main.users SET security_stamp = @Stamp WHERE id = @Id;",
                        new { Id = id, Stamp = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) }, transaction);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return new RestoredAccounts(choice, liveNames, backupNames, liveSessions);
        }
        finally
        {
            await connection.ExecuteAsync("DETACH DATABASE live;");
        }
    }

    /// <summary>
    /// Opens a database file on its own (not the live one) and reports what it holds and whether SQLite finds it sound.
    /// </summary>
    /// <exception cref="DatabaseBackupException">The file is no SQLite database at all.</exception>
    public Task<DatabaseFileReport> CheckAsync(string path, CancellationToken cancellationToken = default) =>
        CheckFileAsync(path, cancellationToken);

    /// <summary>The check of a file on its own, without a live database (a test, a restore's working copy).</summary>
    public static async Task<DatabaseFileReport> CheckFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await RefuseNonSqliteAsync(path, cancellationToken);
        try
        {
            await using var connection = OpenSingle(path);
            await connection.OpenAsync(cancellationToken);
            var problems = (await connection.QueryAsync<string>("PRAGMA integrity_check;")).Where(r => r != "ok").ToList();
            problems.AddRange((await connection.QueryAsync<(string Table, long? RowId, string Parent)>("PRAGMA foreign_key_check;"))
                .Select(r => $"Fremdschlüssel: Zeile {r.RowId} in {r.Table} verweist auf eine fehlende Zeile in {r.Parent}"));

            var version = await connection.ExecuteScalarAsync<int>("PRAGMA user_version;");
            var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_schema WHERE type = 'table';"))
                .ToHashSet(StringComparer.Ordinal);

            // Table names come from the fixed list here, never from the file.
            async Task<long> CountAsync(string table) => tables.Contains(table)
                ? await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table};")
                : 0;

            return new DatabaseFileReport(
                Path.GetFullPath(path), new FileInfo(path).Length, version,
                await CountAsync("articles"), await CountAsync("revisions"), await CountAsync("users"), problems);
        }
        catch (SqliteException e)
        {
            // A file with a valid header but garbage behind it fails already when its schema is read.
            return new DatabaseFileReport(Path.GetFullPath(path), new FileInfo(path).Length, 0, 0, 0, 0,
                [$"SQLite kann die Datei nicht lesen: {e.Message}"]);
        }
    }

    /// <summary>The live database, page by page in one read transaction, into a new single file (no -wal beside it).</summary>
    private async Task CopyLiveDatabaseAsync(string target, CancellationToken cancellationToken)
    {
        // An empty file is an empty database to SQLite; its journal gets the same mode as the file.
        await CreatePrivateFile(target).DisposeAsync();
        await using var live = await database.OpenAsync(cancellationToken);
        await using (var copy = OpenSingle(target))
        {
            await copy.OpenAsync(cancellationToken);

            // -1: all pages in one step, under one read transaction of the source: a consistent moment, however long
            // it takes, while writers go on in the WAL.
            live.BackupDatabase(copy);

            // The copy inherits WAL mode from the live file's header; a backup should be one self-contained file.
            await copy.ExecuteAsync("PRAGMA journal_mode = DELETE;");
        }
    }

    /// <summary>
    /// Writes every page of <paramref name="restored"/> into the live database through SQLite, which takes the live
    /// file's write lock (waiting for a writer like any other), so readers see either the old or the restored state.
    /// </summary>
    private async Task ReplaceLiveDatabaseAsync(SqliteDatabase restored, CancellationToken cancellationToken)
    {
        await using var source = await restored.OpenAsync(cancellationToken);
        await using var live = await database.OpenAsync(cancellationToken);
        source.BackupDatabase(live);
        await live.ExecuteAsync("PRAGMA journal_mode = WAL;");
    }

    // Unpooled: the file is renamed or deleted right after, with no handle left open on it.
    private static SqliteConnection OpenSingle(string path, SqliteOpenMode mode = SqliteOpenMode.ReadWrite) => new(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = mode,
        Pooling = false,
        DefaultTimeout = (int)SqliteDatabase.BusyTimeout.TotalSeconds,
    }.ToString());

    private static async Task RefuseNonSqliteAsync(string path, CancellationToken cancellationToken)
    {
        var header = new byte[SqliteHeader.Length];
        int read;
        await using (var file = File.OpenRead(path))
        {
            read = await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        }

        if (read < header.Length || !header.AsSpan().SequenceEqual(SqliteHeader))
        {
            throw new DatabaseBackupException($"„{Path.GetFullPath(path)}“ ist keine SQLite-Datenbank.");
        }
    }

    /// <summary>
    /// A temporary name beside <paramref name="path"/>: "&lt;path&gt;.&lt;process id&gt;-&lt;32 hex&gt;.tmp", registered as
    /// in use by this process until the run ends.
    /// </summary>
    private static string NewTemporaryPath(string path)
    {
        var temporary = $"{path}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}.tmp";
        InFlight[temporary] = 0;
        return temporary;
    }

    [GeneratedRegex(@"\.(?<pid>[0-9]{1,10})-[0-9a-f]{32}\.tmp(?<companion>-journal|-wal|-shm)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Cannot tell: better a leftover kept until a later run than another run's file deleted.
            return true;
        }
    }

    /// <summary>A new file that only its owner may read or write (on Unix 0600, set at creation, before any data).</summary>
    private static FileStream CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private static async Task CopyPrivatelyAsync(string source, string target, CancellationToken cancellationToken)
    {
        await using var from = File.OpenRead(source);
        await using var to = CreatePrivateFile(target);
        await from.CopyToAsync(to, cancellationToken);
    }

    private static void DeleteWithCompanions(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
