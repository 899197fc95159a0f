using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Data;

public class DatabaseBackupTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static SqliteBackup BackupOf(TestDatabase db) => new(db.Database, db.Clock);

    private static Task<ArticleWriteResult> SaveArticleAsync(TestDatabase db, string title) =>
        db.SaveAsync(ArticleFile.With(title, "2025-01-01", "[Köln]"), Slug.FromText(title, "x") + ".md");

    private static async Task<T> QueryFileAsync<T>(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Token);
        return await connection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException(sql);
    }

    [Fact]
    public async Task Backup_TakenWhileAnotherConnectionWrites_IsSoundAndOneConsistentMoment()
    {
        await using var db = await TestDatabase.CreateAsync();
        var written = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await SaveArticleAsync(db, $"Artikel {written + 1}");
                Interlocked.Increment(ref written);
            }
        }, Token);

        // Counts, not time: the writer is known to be busy before and after the backup.
        while (Volatile.Read(ref written) < 20)
        {
            await Task.Yield();
        }

        var target = Path.Combine(db.Directory, "sicherung.db");
        var report = await BackupOf(db).BackupAsync(target, cancellationToken: Token);
        var atBackup = Volatile.Read(ref written);
        while (Volatile.Read(ref written) < atBackup + 20)
        {
            await Task.Yield();
        }

        await stop.CancelAsync();
        await writer;

        Assert.True(report.IsSound, string.Join("; ", report.Problems));
        Assert.Equal(SqliteSchemaMigrator.LatestVersion, report.SchemaVersion);
        Assert.InRange(report.Articles, 20, atBackup + 1);
        Assert.True(report.Articles < await db.Articles.CountAsync(Token));

        // Every article with its revision, search row, tag row and counters: no write is in the copy by half.
        Assert.Equal(report.Articles, report.Revisions);
        Assert.Equal(report.Articles, await QueryFileAsync<long>(target, "SELECT count(*) FROM article_search;"));
        Assert.Equal(report.Articles, await QueryFileAsync<long>(target, "SELECT live_articles FROM article_totals;"));
        Assert.Equal(report.Articles, await QueryFileAsync<long>(target, "SELECT live_articles FROM tags WHERE slug = 'koeln';"));
        Assert.Equal(report.Articles, await QueryFileAsync<long>(target, "SELECT count(*) FROM content_changes;"));

        // One file on its own: no WAL beside it, nothing left under a temporary name.
        Assert.Equal("delete", await QueryFileAsync<string>(target, "PRAGMA journal_mode;"));
        // The live database's own -wal and -shm come and go with its connections (SQLite removes them when the last
        // one closes, which a loaded machine's pool may do at any moment), so only the rest of the folder is compared.
        Assert.Equal(["sicherung.db"],
            Directory.GetFiles(db.Directory).Select(Path.GetFileName).Where(name => !name!.StartsWith("newssite.db", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(db.Directory, "newssite.db")));
    }

    [Fact]
    public async Task Backup_RefusesAnExistingFileUnlessOverwriting()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SaveArticleAsync(db, "Eins");
        var target = Path.Combine(db.Directory, "sicherung.db");
        await File.WriteAllTextAsync(target, "nicht überschreiben", Token);

        var refused = await Assert.ThrowsAsync<DatabaseBackupException>(() => BackupOf(db).BackupAsync(target, cancellationToken: Token));
        Assert.Contains("existiert schon", refused.Message, StringComparison.Ordinal);
        Assert.Equal("nicht überschreiben", await File.ReadAllTextAsync(target, Token));

        var report = await BackupOf(db).BackupAsync(target, overwrite: true, Token);
        Assert.True(report.IsSound);
        Assert.Equal(1, report.Articles);
        Assert.Equal(1, await QueryFileAsync<long>(target, "SELECT count(*) FROM articles;"));
    }

    [Fact]
    public async Task Restore_ReplacesTheLiveDatabaseAndKeepsTheOldOneAsASafetyCopy()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SaveArticleAsync(db, "Vorher");
        await db.Storage.Ressorts.AddAsync(new NewsSite.Core.Ressorts.RessortDraft("Politik", "politik"), Token);
        var backup = Path.Combine(db.Directory, "sicherung.db");
        await BackupOf(db).BackupAsync(backup, cancellationToken: Token);
        await SaveArticleAsync(db, "Nachher");
        await db.Storage.Ressorts.AddAsync(new NewsSite.Core.Ressorts.RessortDraft("Sport", "sport"), Token);
        var lastIdBeforeRestore = await db.Journal.FindLastChangeIdAsync(Token);

        var report = await BackupOf(db).RestoreAsync(backup, cancellationToken: Token);

        Assert.NotNull(await db.Published.FindPublishedAsync("vorher", db.Clock.Now, Token));
        Assert.Null(await db.Published.FindPublishedAsync("nachher", db.Clock.Now, Token));
        Assert.Equal(1, await db.Articles.CountAsync(Token));
        Assert.Equal(1, report.Source.Articles);
        Assert.Equal(["Politik"], (await db.Storage.Ressorts.ListAsync(Token)).Select(r => r.Name));

        // What the restore replaced is kept whole, next to the live database.
        Assert.Equal(db.Directory, Path.GetDirectoryName(report.SafetyCopy.FilePath));
        Assert.Equal(2, (await SqliteBackup.CheckFileAsync(report.SafetyCopy.FilePath, Token)).Articles);

        // The restored journal is older than what a running site saw; the restore's entry lies above both, and
        // reads as a change of the whole site.
        Assert.True(report.WholeSiteChangeId > lastIdBeforeRestore);
        var pending = await db.Journal.ReadPendingChangesAsync(lastIdBeforeRestore, db.Clock.Now, db.Clock.Now, Token);
        var change = Assert.Single(pending.Changes);
        Assert.True(change.WholeSite);
        Assert.Equal(report.WholeSiteChangeId, pending.LastId);

        // Writes go on after the restore's entry, so a site that saw it sees them too.
        await SaveArticleAsync(db, "Danach");
        Assert.True(await db.Journal.FindLastChangeIdAsync(Token) > report.WholeSiteChangeId);
    }

    [Fact]
    public async Task Restore_MigratesAnOlderBackup()
    {
        await using var db = await TestDatabase.CreateAsync();
        await SaveArticleAsync(db, "Alt");
        var backup = Path.Combine(db.Directory, "alt.db");
        await BackupOf(db).BackupAsync(backup, cancellationToken: Token);
        await using (var connection = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            await connection.OpenAsync(Token);
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion3Sql);
        }

        var report = await BackupOf(db).RestoreAsync(backup, cancellationToken: Token);

        Assert.Equal(3, report.Source.SchemaVersion);
        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 3), report.MigrationsApplied);
        Assert.Equal(SqliteSchemaMigrator.LatestVersion, await new SqliteSchemaMigrator(db.Database).GetVersionAsync(Token));
        Assert.NotNull(await db.Published.FindPublishedAsync("alt", db.Clock.Now, Token));

        // Searchable at once, without the restart that would otherwise index a pre-search database.
        Assert.Single((await db.Search.SearchAsync("alt", 1, 10, db.Clock.Now, Token)).Hits.Items);
    }

    public static TheoryData<string> UnusableBackups => ["keine-datenbank", "beschaedigt", "neueres-schema", "leere-sqlite-datei"];

    [Theory]
    [MemberData(nameof(UnusableBackups))]
    public async Task Restore_RefusesAnUnusableFileAndChangesNothing(string kind)
    {
        await using var db = await TestDatabase.CreateAsync();
        await SaveArticleAsync(db, "Bleibt");
        var file = Path.Combine(db.Directory, kind + ".db");
        var expected = await MakeUnusableAsync(db, file, kind);

        var refused = await Assert.ThrowsAsync<DatabaseBackupException>(() => BackupOf(db).RestoreAsync(file, cancellationToken: Token));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.NotNull(await db.Published.FindPublishedAsync("bleibt", db.Clock.Now, Token));
        Assert.DoesNotContain(Directory.GetFiles(db.Directory), f => f.Contains("vor-wiederherstellung", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    private static async Task<string> MakeUnusableAsync(TestDatabase db, string file, string kind)
    {
        switch (kind)
        {
            case "keine-datenbank":
                await File.WriteAllTextAsync(file, "---\ntitle: Kein SQLite\n---\n", Token);
                return "ist keine SQLite-Datenbank";

            case "beschaedigt":
                for (var i = 0; i < 200; i++)
                {
                    await SaveArticleAsync(db, $"Füllung {i}");
                }

                await BackupOf(db).BackupAsync(file, cancellationToken: Token);

                // The header stays, pages behind it are overwritten: only SQLite's own check can tell.
                var bytes = await File.ReadAllBytesAsync(file, Token);
                for (var i = bytes.Length / 2; i < bytes.Length / 2 + 8192; i++)
                {
                    bytes[i] = 0x5A;
                }

                await File.WriteAllBytesAsync(file, bytes, Token);
                return "ist beschädigt";

            case "neueres-schema":
                await BackupOf(db).BackupAsync(file, cancellationToken: Token);
                await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
                {
                    await connection.OpenAsync(Token);
                    await connection.ExecuteAsync($"PRAGMA user_version = {SqliteSchemaMigrator.LatestVersion + 1};");
                }

                return $"hat Schema-Version {SqliteSchemaMigrator.LatestVersion + 1}";

            default:
                await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
                {
                    await connection.OpenAsync(Token);
                    await connection.ExecuteAsync("CREATE TABLE irgendwas (x INTEGER);");
                }

                return "keine Datenbank dieser Website";
        }
    }
}
