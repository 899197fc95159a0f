using NewsSite.Core.Articles;
using NewsSite.Core.Data.Postgres;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>
/// The PostgreSQL binding of every contract suite: each test gets its own migrated schema on the test server
/// (<see cref="PostgresTestServer"/>), the same clock start as on SQLite, and every store over it.
/// </summary>
internal static class PostgresStorageUnderTest
{
    public static async Task<StorageUnderTest> CreateAsync(ContentChangeSignal? signal)
    {
        var schema = await PostgresTestServer.CreateSchemaAsync();
        var clock = new TestClock(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var storage = PostgresStorage.Open(schema.ConnectionString, clock, signal);
        try
        {
            await storage.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await ((PostgresDatabase)storage.Database).DisposeAsync();
            await schema.DisposeAsync();
            throw;
        }

        return new StorageUnderTest(storage, clock, async () =>
        {
            await ((PostgresDatabase)storage.Database).DisposeAsync();
            await schema.DisposeAsync();
        });
    }
}

public sealed class PostgresArticleStoreContractTests : ArticleStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresPublishedArticlesContractTests : PublishedArticlesContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresArticleListingsContractTests : ArticleListingsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresEditorArticlesContractTests : EditorArticlesContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresAuthorStoreContractTests : AuthorStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresSearchIndexContractTests : SearchIndexContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresSitemapReadsContractTests : SitemapReadsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresContentJournalContractTests : ContentJournalContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresExportReadsContractTests : ExportReadsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresUserStoreContractTests : UserStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresDatabaseContractTests : DatabaseContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresSessionStoreContractTests : SessionStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresSitePageStoreContractTests : SitePageStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresRessortStoreContractTests : RessortStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresAutosaveStoreContractTests : AutosaveStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresReviewAndAuditContractTests : ReviewAndAuditContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresTagStoreContractTests : TagStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresCorrectionListingsContractTests : CorrectionListingsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresPreviewLinkStoreContractTests : PreviewLinkStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresBulkWritesContractTests : BulkWritesContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}

public sealed class PostgresPictureLibraryContractTests : PictureLibraryContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => PostgresStorageUnderTest.CreateAsync(signal);
}
