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
