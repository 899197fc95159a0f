using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;
using NewsSite.Core.Data;
using NewsSite.Core.Data.Moving;
using NewsSite.Core.Data.Postgres;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Tests.Data.Contracts;
using NewsSite.Core.Tests.Support;
using Npgsql;

namespace NewsSite.Core.Tests.Data.Moving;

/// <summary>
/// The move of a SQLite site into PostgreSQL (copy-to-postgres) on a real SQLite file and a fresh schema of the real
/// server: ids kept and continued, counters as they were, every table compared, and nothing left behind when the
/// target is not empty or a row is refused. The whole site served from the copy: CopyToPostgresTests (web).
/// </summary>
public sealed class SiteCopyTests : StoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);

    private const string PictureName = "0123456789abcdef0123456789abcdef.png";

    private async Task<StorageUnderTest> SiteAsync()
    {
        var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Erste Meldung", tags: "Köln, Politik", body: "Der Rat tagt."));
        var second = await s.ImportAsync("b.md", Article("Zweite Meldung", date: "2025-05-02T10:00:00Z", body: "Noch ein Absatz."));
        await s.ImportAsync("c.md", Article("Entwurf", draft: true));
        await s.UpdateAsync(second.ArticleId, 1, Article("Zweite Meldung", date: "2025-05-02T10:00:00Z", body: "Geändert."));
        await s.Storage.Users.AddAsync("anna", UserRole.Admin, "hash", Token);
        await s.Storage.AuditLog.RecordAsync(new AuditEvent("anna", AuditAction.AccountCreated, Subject: "anna"), Token);
        return s;
    }

    private static string Folder(StorageUnderTest s) => Path.GetDirectoryName(s.Storage.Database.Location)!;

    private static string ImagesWithOnePicture(StorageUnderTest s)
    {
        var images = Path.Combine(Folder(s), "images");
        Directory.CreateDirectory(images);
        File.WriteAllBytes(Path.Combine(images, PictureName), [0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
        File.WriteAllText(Path.Combine(images, "notiz.txt"), "kein Bild");
        return images;
    }

    private static async Task<SiteCopyReport> CopyAsync(StorageUnderTest s, PostgresDatabase target, string? images = null)
    {
        await target.MigrateAsync(Token);
        await using var reader = await SqliteSiteReader.OpenAsync((SqliteDatabase)s.Storage.Database, Token);
        return await new SiteCopy(reader, new PostgresSiteCopy(target), images ?? Path.Combine(Folder(s), "images"), s.Clock).RunAsync(Token);
    }

    private static async Task<long> CountAsync(TestSchema schema, string table)
    {
        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table};");
    }

    [Fact]
    public async Task EveryTable_IsCopiedWithItsIds_ComparedEqual_AndNewRowsGetFreshIds()
    {
        await using var s = await SiteAsync();
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        await using var target = new PostgresDatabase(schema.ConnectionString);

        var report = await CopyAsync(s, target, ImagesWithOnePicture(s));

        Assert.True(report.Committed);
        Assert.All(report.Tables.Append(report.Search).Append(report.PictureFiles), t => Assert.True(t.IsEqual, t.ToString()));
        Assert.Equal(3, report.Tables.Single(t => t.Table == "articles").TargetRows);
        Assert.Equal(4, report.Tables.Single(t => t.Table == "revisions").TargetRows);
        Assert.Equal(new TableCheck("picture_files", 1, 1, true), report.PictureFiles);
        Assert.Equal(3, report.Search.TargetRows);
        Assert.Empty(report.Repaired);

        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        Assert.Equal((2L, 2L), await connection.QuerySingleAsync<(long, long)>(
            "SELECT (SELECT live_articles FROM article_totals), (SELECT sum(live_articles) FROM authors);"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM pg_trigger WHERE tgenabled = 'D';"));

        // Every identity hands out an id past the highest copied one, and a new article is stored under it.
        var identities = (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES';")).ToList();
        Assert.Contains("content_changes", identities);
        foreach (var table in identities)
        {
            var max = await connection.ExecuteScalarAsync<long>($"SELECT coalesce(max(id), 0) FROM {table};");
            var next = await connection.ExecuteScalarAsync<long>($"SELECT nextval(pg_get_serial_sequence('{table}', 'id'));");
            Assert.True(next == max + 1, $"{table}: nächste Kennung {next}, höchste {max}");
        }

        var onPostgres = PostgresStorage.Open(schema.ConnectionString, s.Clock);
        var created = await onPostgres.Articles.SaveAsync(
            StorageUnderTest.Parse(Article("Nach dem Umzug"), "d.md"), ArticleOrigin.ImportedFile("d.md"), cancellationToken: Token);
        Assert.True(created.ArticleId > 3, $"neue Kennung {created.ArticleId}");
        await ((PostgresDatabase)onPostgres.Database).DisposeAsync();
    }

    [Fact]
    public async Task ANonEmptyTarget_IsRefused_AndKeepsWhatItHad()
    {
        await using var s = await SiteAsync();
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        var onPostgres = PostgresStorage.Open(schema.ConnectionString, s.Clock);
        await onPostgres.Database.MigrateAsync(Token);
        await onPostgres.Articles.SaveAsync(
            StorageUnderTest.Parse(Article("Schon da"), "x.md"), ArticleOrigin.ImportedFile("x.md"), cancellationToken: Token);
        await using var target = (PostgresDatabase)onPostgres.Database;
        var tables = SiteTables.Copied.Append("article_search").Append("picture_files").ToList();
        var before = new List<long>();
        foreach (var table in tables)
        {
            before.Add(await CountAsync(schema, table));
        }

        var refused = await Assert.ThrowsAsync<SiteCopyException>(() => CopyAsync(s, target));

        Assert.Contains("nicht leer", refused.Message, StringComparison.Ordinal);
        Assert.Contains("articles (1)", refused.Message, StringComparison.Ordinal);
        var after = new List<long>();
        foreach (var table in tables)
        {
            after.Add(await CountAsync(schema, table));
        }

        Assert.Equal(before, after);
        Assert.Equal(0, await CountAsync(schema, "users"));
    }

    [Fact]
    public async Task ARowPostgresRefuses_LeavesTheTargetEmpty()
    {
        await using var s = await SiteAsync();

        // A redirect to an article that does not exist: SQLite holds it once foreign keys are off, PostgreSQL does not.
        await using (var sqlite = new SqliteConnection($"Data Source={s.Storage.Database.Location};Pooling=False"))
        {
            await sqlite.OpenAsync(Token);
            await sqlite.ExecuteAsync(
                "PRAGMA foreign_keys = OFF; INSERT INTO slug_redirects (slug, article_id, created_at) VALUES ('alt', 999, '2025-05-01T10:00:00.0000000Z');");
        }

        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        await using var target = new PostgresDatabase(schema.ConnectionString);

        var failed = await Assert.ThrowsAsync<StorageException>(() => CopyAsync(s, target));

        Assert.Equal(StorageFailure.Constraint, failed.Failure);
        foreach (var table in SiteTables.Copied.Where(t => t != "article_totals").Append("article_search").Append("picture_files"))
        {
            Assert.True(await CountAsync(schema, table) == 0, table);
        }

        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT live_articles FROM article_totals;"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM pg_trigger WHERE tgenabled = 'D';"));
    }

    [Fact]
    public async Task NulInAText_IsDroppedAndReported_AndTheTablesStillCompareEqual()
    {
        await using var s = await SiteAsync();
        await s.Storage.AuditLog.RecordAsync(new AuditEvent("anna", AuditAction.AccountRemoved, Subject: "bo\0b", Detail: "x\uD800y"), Token);
        await using var schema = await PostgresTestServer.CreateSchemaAsync();
        await using var target = new PostgresDatabase(schema.ConnectionString);

        var report = await CopyAsync(s, target);

        // SQLite itself stores a lone surrogate as U+FFFD (Microsoft.Data.Sqlite encodes UTF-8): only the NUL needs repair.
        Assert.True(report.Committed);
        Assert.Equal([new RepairedTexts("audit_log", "subject", 1)], report.Repaired);
        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        Assert.Equal(("bob", "x\uFFFDy"), await connection.QuerySingleAsync<(string, string)>(
            "SELECT subject, detail FROM audit_log WHERE subject = 'bob';"));
    }
}
