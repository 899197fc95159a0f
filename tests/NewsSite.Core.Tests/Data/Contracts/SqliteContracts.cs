using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>
/// The SQLite binding of every contract suite: each test gets its own migrated file in a temporary folder
/// (<see cref="TestDatabase"/>). A second database adds its own file of subclasses like these.
/// </summary>
internal static class SqliteStorageUnderTest
{
    public static async Task<StorageUnderTest> CreateAsync(ContentChangeSignal? signal)
    {
        var database = await TestDatabase.CreateAsync(signal);
        return new StorageUnderTest(database.Storage, database.Clock, database.DisposeAsync);
    }
}

public sealed class SqliteArticleStoreContractTests : ArticleStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqlitePublishedArticlesContractTests : PublishedArticlesContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteArticleListingsContractTests : ArticleListingsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteEditorArticlesContractTests : EditorArticlesContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteAuthorStoreContractTests : AuthorStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteSearchIndexContractTests : SearchIndexContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteSitemapReadsContractTests : SitemapReadsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteContentJournalContractTests : ContentJournalContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteExportReadsContractTests : ExportReadsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteUserStoreContractTests : UserStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteDatabaseContractTests : DatabaseContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteSessionStoreContractTests : SessionStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteSitePageStoreContractTests : SitePageStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteRessortStoreContractTests : RessortStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteAutosaveStoreContractTests : AutosaveStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteReviewAndAuditContractTests : ReviewAndAuditContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteTagStoreContractTests : TagStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteCorrectionListingsContractTests : CorrectionListingsContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqlitePreviewLinkStoreContractTests : PreviewLinkStoreContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqliteBulkWritesContractTests : BulkWritesContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}

public sealed class SqlitePictureLibraryContractTests : PictureLibraryContract
{
    protected override Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null) => SqliteStorageUnderTest.CreateAsync(signal);
}
