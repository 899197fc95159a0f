using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Data;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Data;

public class SchemaMigratorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EmptyDatabase_GetsTheWholeSchemaAndTheLatestVersion()
    {
        var directory = TestDatabase.NewDirectory();
        var database = SqliteDatabase.InDirectory(Path.Combine(directory, "neu"));
        var migrator = new SqliteSchemaMigrator(database);

        var applied = await migrator.MigrateAsync(Token);

        Assert.Equal(SqliteSchemaMigrator.All.Count, applied);
        Assert.Equal(SqliteSchemaMigrator.LatestVersion, await migrator.GetVersionAsync(Token));
        await using var connection = await database.OpenAsync(Token);
        var tables = await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;");
        Assert.Equal(
            [
                "article_authors", "article_corrections", "article_search", "article_search_config", "article_search_content", "article_search_data",
                "article_search_docsize", "article_search_idx", "article_tags", "article_totals", "articles", "audit_log", "author_bio_versions", "author_redirects",
                "authors", "autosaves", "content_changes", "pictures", "preview_links", "ressort_redirects", "ressorts", "revisions", "search_terms", "sessions", "site_page_versions", "site_pages",
                "slug_redirects", "sqlite_sequence", "tag_aliases", "tag_redirects", "tags", "users",
            ],
            tables);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys;"));
        Assert.Equal((int)SqliteDatabase.BusyTimeout.TotalMilliseconds, await connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task DatabaseOfVersion3_KeepsItsAuthors_WhoHaveNoBioYet()
    {
        var database = SqliteDatabase.InDirectory(TestDatabase.NewDirectory());
        await using (var connection = await database.OpenAsync(Token))
        {
            foreach (var migration in SqliteSchemaMigrator.All.Where(m => m.Version <= 3))
            {
                await connection.ExecuteAsync(migration.Sql);
            }

            await connection.ExecuteAsync("PRAGMA user_version = 3; INSERT INTO authors (slug, display_name) VALUES ('anna-berger', 'Anna Berger');");
        }

        var applied = await new SqliteSchemaMigrator(database).MigrateAsync(Token);

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 3), applied);
        await using var migrated = await database.OpenAsync(Token);
        var author = await migrated.QuerySingleAsync<(string Name, string? Markdown, string? Html, string? Hash)>(
            "SELECT display_name, bio_markdown, bio_html, profile_hash FROM authors;");
        Assert.Equal(("Anna Berger", null, null, null), author);
    }

    [Fact]
    public async Task DatabaseOfVersion12_KeepsItsArticles_WithoutRessort_AndGetsAnEmptyList()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Alt", "2025-01-01", "[Köln]"), "alt.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion12Sql);
        }

        var applied = await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token);

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 12), applied);
        Assert.Empty(await db.Storage.Ressorts.ListAsync(Token));
        Assert.Null((await db.Published.FindPublishedAsync("alt", db.Clock.Now, Token))!.Ressort);
    }

    [Fact]
    public async Task DatabaseOfVersion16_KeepsItsTags_AndGetsNoAliasesOrFormerSlugs()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Alt", "2025-01-01", "[Köln, Verkehr]"), "alt.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion16Sql);
        }

        var applied = await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token);

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 16), applied);
        var tags = await db.Storage.Tags.ListAsync(db.Clock.Now, Token);
        Assert.Equal(["Köln:1:0", "Verkehr:1:0"], tags.Select(t => $"{t.Name}:{t.Published}:{t.Aliases.Count}"));
        Assert.Null(await db.Storage.Tags.FindRedirectAsync("koeln", db.Clock.Now, Token));
    }

    [Fact]
    public async Task DatabaseOfVersion9_KeepsItsAccounts_AndGetsAnEmptySessionTable()
    {
        await using var db = await TestDatabase.CreateAsync();
        var anna = await db.Users.AddAsync("anna", NewsSite.Core.Accounts.UserRole.Admin, "hash", Token);
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion9Sql);
        }

        var applied = await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token);

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 9), applied);
        Assert.Equal(anna, await db.Users.FindByNameAsync("anna", Token));
        Assert.Empty(await db.Storage.Sessions.ListAsync(anna.Id, Token));
        await db.Storage.Sessions.StartAsync(new NewsSite.Core.Accounts.NewSession("s1", anna.Id, db.Clock.Now, db.Clock.Now.AddHours(12), "10.0.0.1", "Test"), Token);
        Assert.NotNull(await db.Storage.Sessions.FindAsync("s1", Token));
    }

    [Fact]
    public async Task DatabaseOfVersion16_KeepsItsAccountsAndSessions_AndTheAdminsArticlesGetTheirOwner()
    {
        await using var db = await TestDatabase.CreateAsync();
        var anna = await db.Users.AddAsync("anna", NewsSite.Core.Accounts.UserRole.Editor, "hash", Token);
        await db.Storage.Sessions.StartAsync(new NewsSite.Core.Accounts.NewSession("s1", anna.Id, db.Clock.Now, db.Clock.Now.AddHours(12), "10.0.0.1", "Test"), Token);
        var written = await db.Articles.CreateAsync(
            TestDatabase.Parser.Parse("neu.md", ArticleFile.With("Im Admin geschrieben", "2025-01-01", "[Köln]")),
            new ArticleOrigin(RevisionOrigin.Editor, "anna", null), Token);
        var imported = await db.SaveAsync(ArticleFile.With("Importiert", "2025-01-02", "[Köln]"), "importiert.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion16Sql);
        }

        var applied = await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token);

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 16), applied);
        Assert.Equal(anna, await db.Users.FindByNameAsync("anna", Token));
        Assert.NotNull(await db.Storage.Sessions.FindAsync("s1", Token)); // nobody is logged out by the new role
        Assert.Equal("anna", (await db.Editing.FindForEditingAsync(written.ArticleId, Token))!.Owner);
        Assert.Null((await db.Editing.FindForEditingAsync(imported.ArticleId, Token))!.Owner);
        await db.Users.AddAsync("clara", NewsSite.Core.Accounts.UserRole.Contributor, "hash", Token);
        Assert.Equal(NewsSite.Core.Accounts.UserRole.Contributor, (await db.Users.FindByNameAsync("clara", Token))!.Role);
    }

    [Fact]
    public async Task SecondRun_AppliesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();

        Assert.Equal(0, await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token));
        Assert.Equal(SqliteSchemaMigrator.LatestVersion, await new SqliteSchemaMigrator(db.Database).GetVersionAsync(Token));
    }

    [Fact]
    public async Task DatabaseFromANewerVersion_IsRefused()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync($"PRAGMA user_version = {SqliteSchemaMigrator.LatestVersion + 1};");
        }

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => new SqliteSchemaMigrator(db.Database).MigrateAsync(Token));

        Assert.Contains("neuere Anwendung", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MigrationsAreNumberedWithoutGaps() =>
        Assert.Equal(Enumerable.Range(1, SqliteSchemaMigrator.All.Count), SqliteSchemaMigrator.All.Select(m => m.Version));

    [Fact]
    public async Task DatabaseOfVersion18_KeepsItsArticles_AndGetsTheirCorrectionsAtTheNextSave()
    {
        await using var db = await TestDatabase.CreateAsync();
        var written = await db.SaveAsync(ArticleFile.With("Alt", "2025-01-01", "[Köln]"), "alt.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion18Sql);
        }

        var applied = await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token);
        await db.Articles.UpdateAsync(written.ArticleId, written.Revision,
            TestDatabase.Parser.Parse("alt.md", "---\ntitle: Alt\ndate: 2025-01-01\ntags: [Köln]\ncorrections:\n  - date: 2025-01-02\n    text: Berichtigt.\n---\n\nText.\n"),
            new NewsSite.Core.Articles.ArticleOrigin(NewsSite.Core.Articles.RevisionOrigin.Editor, "anna", null), Token);

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 18), applied);
        var article = await db.Published.FindPublishedAsync("alt", db.Clock.Now, Token);
        Assert.Equal("Berichtigt.", article!.Corrections.Single().Text);
    }

    [Fact]
    public async Task DatabaseOfVersion19_KeepsItsArticles_AndGetsPreviewLinks()
    {
        await using var db = await TestDatabase.CreateAsync();
        var written = await db.SaveAsync(ArticleFile.With("Alt", "2025-01-01", "[Köln]", extra: "draft: true"), "alt.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion19Sql);
        }

        var applied = await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token);
        var hash = NewsSite.Core.Previews.PreviewToken.Hash(NewsSite.Core.Previews.PreviewToken.New());
        var link = await db.Storage.PreviewLinks.CreateAsync(written.ArticleId, hash, db.Clock.Now.AddDays(1), "anna", null, Token);

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 19), applied);
        Assert.NotNull(link);
        Assert.Equal("Alt", (await db.Storage.PreviewLinks.FindAsync(hash, db.Clock.Now, Token))!.Article.Title);
    }

    [Fact]
    public async Task ForeignKeysAreEnforced()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(Token);

        await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "INSERT INTO article_tags (article_id, tag_id, position) VALUES (999, 999, 0);"));
    }
}
