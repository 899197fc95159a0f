using Microsoft.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.Tests.Support;

/// <summary>A real SQLite file in its own temporary folder, migrated, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string directory)
    {
        Directory = directory;
        Database = Database.InDirectory(directory);
        Clock = new TestClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        Articles = new ArticleRepository(Database, Clock);
    }

    public string Directory { get; }

    public Database Database { get; }

    public TestClock Clock { get; }

    public ArticleRepository Articles { get; }

    /// <summary>
    /// Turns a current database back into what schema version 3 held (before search and bios), keeping its articles:
    /// for tests of what migrating an existing site does.
    /// </summary>
    public const string DowngradeToVersion3Sql =
        """
        DROP TRIGGER article_tags_follow_article;
        DROP TRIGGER tags_count_added;
        DROP TRIGGER tags_count_removed;
        DROP TRIGGER tags_count_changed;
        DROP TRIGGER articles_count_added;
        DROP TRIGGER articles_count_removed;
        DROP TRIGGER articles_count_changed;
        DROP TABLE content_changes;
        DROP TABLE article_totals;
        ALTER TABLE tags DROP COLUMN live_articles;
        ALTER TABLE authors DROP COLUMN live_articles;
        DROP INDEX ix_article_tags_tag;
        ALTER TABLE article_tags DROP COLUMN published_at;
        ALTER TABLE article_tags DROP COLUMN is_live;
        CREATE INDEX ix_article_tags_tag ON article_tags (tag_id, article_id);
        DROP INDEX ix_articles_live;
        CREATE INDEX ix_articles_published ON articles (published_at DESC) WHERE is_draft = 0 AND trashed_at IS NULL;
        DROP INDEX ix_articles_author_live;
        CREATE INDEX ix_articles_author ON articles (author_id, published_at DESC) WHERE is_draft = 0 AND trashed_at IS NULL;
        DROP TABLE article_search;
        DROP TABLE author_bio_versions;
        ALTER TABLE authors DROP COLUMN bio_markdown;
        ALTER TABLE authors DROP COLUMN bio_html;
        ALTER TABLE authors DROP COLUMN profile_hash;
        PRAGMA user_version = 3;
        """;

    public static ArticleParser Parser { get; } = new(new MarkdownRenderer());

    public static AuthorProfileParser ProfileParser { get; } = new(new MarkdownRenderer());

    public static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "newssite-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase(NewDirectory());
        await new SchemaMigrator(database.Database).MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    /// <summary>Stores an article written as front matter fields plus body, the way an editor would write it.</summary>
    public async Task<ArticleWriteResult> SaveAsync(string markdown, string sourceKey)
    {
        var content = Parser.Parse(sourceKey, markdown);
        return await Articles.SaveAsync(content, ArticleOrigin.ImportedFile(sourceKey), cancellationToken: TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is not worth failing a test over.
        }

        return ValueTask.CompletedTask;
    }
}
