using System.Globalization;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>
/// A fresh, migrated database of one implementation with every store over it, and the clock that decides its "now".
/// The contract suites see nothing else of the database, so that each implementation can run them unchanged.
/// </summary>
public sealed class StorageUnderTest(SiteStorage storage, TestClock clock, Func<ValueTask> cleanup) : IAsyncDisposable
{
    public SiteStorage Storage { get; } = storage;

    public TestClock Clock { get; } = clock;

    public DateTimeOffset Now => Clock.Now;

    public static ArticleOrigin Editor(string name) => new(RevisionOrigin.Editor, name, null);

    public static ArticleContent Parse(string markdown, string sourceName = "artikel.md") =>
        TestDatabase.Parser.Parse(sourceName, markdown);

    /// <summary>The importer's write of a file below the content folder.</summary>
    public Task<ArticleWriteResult> ImportAsync(string sourceKey, string markdown) =>
        Storage.Articles.SaveAsync(Parse(markdown, sourceKey), ArticleOrigin.ImportedFile(sourceKey),
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>A new article written in the admin.</summary>
    public Task<ArticleWriteResult> CreateAsync(string markdown, string editor = "anna") =>
        Storage.Articles.CreateAsync(Parse(markdown), Editor(editor), TestContext.Current.CancellationToken);

    public Task<ArticleWriteResult> UpdateAsync(long id, int expectedRevision, string markdown, string editor = "anna") =>
        Storage.Articles.UpdateAsync(id, expectedRevision, Parse(markdown), Editor(editor), TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => cleanup();
}

/// <summary>What every contract suite shares: how to get storage, and article files that show only what a test is about.</summary>
public abstract class StoreContract
{
    /// <summary>The clock's start, as <see cref="TestDatabase"/> sets it: after every default article date below.</summary>
    protected static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <param name="signal">Told after each committed public change, as the web app's page cache is.</param>
    protected abstract Task<StorageUnderTest> CreateStorageAsync(ContentChangeSignal? signal = null);

    /// <summary>An article file; dates are UTC so that a test's instant is exact whatever the season.</summary>
    protected static string Article(
        string title, string date = "2025-05-01T10:00:00Z", string tags = "Politik", string author = "Anna Berger",
        string body = "Ein Absatz.", string? slug = null, bool draft = false, string? feedKey = null, string? summary = null)
    {
        var extra = (slug is null ? "" : $"slug: {slug}\n")
            + (draft ? "draft: true\n" : "")
            + (feedKey is null ? "" : $"{FeedKey.Field}: \"{feedKey}\"\n")
            + (summary is null ? "" : $"summary: \"{summary}\"\n");
        return $"---\ntitle: \"{title}\"\nauthor: \"{author}\"\ndate: {date}\ntags: [{tags}]\n{extra}---\n\n{body}\n";
    }

    /// <summary>A date <paramref name="days"/> after 1 May 2025, 10:00 UTC, as front matter writes it.</summary>
    protected static string Day(int days) =>
        new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero).AddDays(days).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    protected static string Iso(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
