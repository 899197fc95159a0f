using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.Tests.Support;

/// <summary>A real SQLite file in its own temporary folder, migrated, deleted afterwards, with every store over it.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string directory, ContentChangeSignal? signal)
    {
        Directory = directory;
        Clock = new TestClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        Storage = SqliteStorage.OpenInDirectory(directory, Clock, signal);
    }

    public string Directory { get; }

    public TestClock Clock { get; }

    public SiteStorage Storage { get; }

    /// <summary>The SQLite file itself, for the tests that look below the store contracts (plans, pragmas, backup).</summary>
    public SqliteDatabase Database => (SqliteDatabase)Storage.Database;

    public IArticleStore Articles => Storage.Articles;

    public IPublishedArticles Published => Storage.Published;

    public IArticleListings Listings => Storage.Listings;

    public IEditorArticles Editing => Storage.Editing;

    public IAuthorStore Authors => Storage.Authors;

    public ISearchIndex Search => Storage.Search;

    public ISitemapReads Sitemaps => Storage.Sitemaps;

    public IContentJournal Journal => Storage.Journal;

    public IExportReads Export => Storage.Export;

    public IUserStore Users => Storage.Users;

    public static ArticleParser Parser { get; } = new(new MarkdownRenderer());

    public static AuthorProfileParser ProfileParser { get; } = new(new MarkdownRenderer());

    public static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "newssite-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return directory;
    }

    /// <param name="signal">Told after each committed public change, as the web app's page cache is.</param>
    public static async Task<TestDatabase> CreateAsync(ContentChangeSignal? signal = null)
    {
        var database = new TestDatabase(NewDirectory(), signal);
        await database.Storage.Database.MigrateAsync(TestContext.Current.CancellationToken);
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
        SqliteStorage.ReleaseAllFiles();
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
