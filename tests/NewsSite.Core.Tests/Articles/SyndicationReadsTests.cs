using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>The reads behind author pages, feeds and sitemaps: only published articles, in the promised order.</summary>
public class SyndicationReadsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string ByAuthor(string author, string title, string date, string tags, string extra = "") =>
        ArticleFile.With(title, date, tags, extra: extra).Replace("Test Autorin", author, StringComparison.Ordinal);

    /// <summary>Three published articles, a draft, a future one and one in the trash.</summary>
    private static async Task<TestDatabase> MixedAsync()
    {
        var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ByAuthor("Anna Berger", "Alt", "2025-01-01T08:00:00", "[Köln, Verkehr]"), "alt.md");
        await db.SaveAsync(ByAuthor("Anna Berger", "Mittel", "2025-02-01T08:00:00", "[Köln]", "updated: 2025-05-01T08:00:00"), "mittel.md");
        await db.SaveAsync(ByAuthor("Jonas Weber", "Neu", "2025-03-01T08:00:00", "[Verkehr, Bahn]"), "neu.md");
        await db.SaveAsync(ByAuthor("Anna Berger", "Entwurf", "2025-03-02T08:00:00", "[Köln]", "draft: true"), "entwurf.md");
        await db.SaveAsync(ByAuthor("Anna Berger", "Zukunft", "2025-07-01T08:00:00", "[Köln, Zukunft]"), "zukunft.md");
        var trashed = await db.SaveAsync(ByAuthor("Lea Graf", "Papierkorb", "2025-03-03T08:00:00", "[Köln, Müll]"), "papierkorb.md");
        await db.Articles.SetTrashedAsync(trashed.ArticleId, trashed: true, "redaktion", Token);
        return db;
    }

    [Fact]
    public async Task ListLatest_GivesThePublishedArticlesNewestFirst_WithTagsInTheAuthorsOrder()
    {
        await using var db = await MixedAsync();

        var latest = await db.Listings.ListLatestAsync(ArticleScope.Site, 20, db.Clock.Now, Token);

        Assert.Equal(["neu", "mittel", "alt"], latest.Select(a => a.Slug));
        Assert.Equal(["Verkehr", "Bahn"], latest[0].Tags.Select(t => t.Name));
        Assert.Equal("Jonas Weber", latest[0].AuthorName);
        Assert.Contains("<p>Ein Absatz.</p>", latest[0].BodyHtml, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 6, 0, 0, TimeSpan.Zero), latest[1].LastChangedAt);
        Assert.Equal(latest[2].PublishedAt, latest[2].LastChangedAt);
    }

    [Fact]
    public async Task ListLatest_StopsAtTheLimit_AndCoversOneTagOrOneAuthor()
    {
        await using var db = await MixedAsync();

        Assert.Equal(["neu", "mittel"], (await db.Listings.ListLatestAsync(ArticleScope.Site, 2, db.Clock.Now, Token)).Select(a => a.Slug));
        Assert.Equal(["mittel", "alt"], (await db.Listings.ListLatestAsync(ArticleScope.ForTag("koeln"), 20, db.Clock.Now, Token)).Select(a => a.Slug));
        Assert.Equal(["mittel", "alt"], (await db.Listings.ListLatestAsync(ArticleScope.ForAuthor("anna-berger"), 20, db.Clock.Now, Token)).Select(a => a.Slug));
        Assert.Empty(await db.Listings.ListLatestAsync(ArticleScope.ForTag("muell"), 20, db.Clock.Now, Token));
        Assert.Empty(await db.Listings.ListLatestAsync(ArticleScope.ForAuthor("lea-graf"), 20, db.Clock.Now, Token));
    }

    [Fact]
    public async Task ListLatest_OnAnEmptyDatabase_IsEmpty()
    {
        await using var db = await TestDatabase.CreateAsync();

        Assert.Empty(await db.Listings.ListLatestAsync(ArticleScope.Site, 20, db.Clock.Now, Token));
    }

    [Fact]
    public async Task AuthorPages_FindTheAuthorAndListOnlyTheirPublishedArticles()
    {
        await using var db = await MixedAsync();

        Assert.Equal(new AuthorLink("Anna Berger", "anna-berger"), await db.Authors.FindAuthorAsync("anna-berger", db.Clock.Now, Token));
        Assert.Null(await db.Authors.FindAuthorAsync("niemand", db.Clock.Now, Token));
        var page = await db.Listings.ListPublishedAsync(ArticleScope.ForAuthor("anna-berger"), 1, 1, db.Clock.Now, Token);
        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["mittel"], page.Items.Select(a => a.Slug));
        var second = await db.Listings.ListPublishedAsync(ArticleScope.ForAuthor("anna-berger"), 2, 1, db.Clock.Now, Token);
        Assert.Equal(["alt"], second.Items.Select(a => a.Slug));
    }

    [Fact]
    public async Task ContentVersion_MovesWithEveryWriteAndWhenAScheduledArticleComesDue_AndOnlyThen()
    {
        await using var db = await MixedAsync();
        var before = await db.Journal.FindContentVersionAsync(db.Clock.Now, Token);
        Assert.Equal(before, await db.Journal.FindContentVersionAsync(db.Clock.Now, Token));

        db.Clock.Now = db.Clock.Now.AddDays(1);
        var aDayLater = await db.Journal.FindContentVersionAsync(db.Clock.Now, Token);
        Assert.Equal(before, aDayLater);

        db.Clock.Now = new DateTimeOffset(2025, 7, 2, 0, 0, 0, TimeSpan.Zero);
        var afterTheScheduledOne = await db.Journal.FindContentVersionAsync(db.Clock.Now, Token);
        Assert.NotEqual(before.Stamp, afterTheScheduledOne.Stamp);
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 6, 0, 0, TimeSpan.Zero), afterTheScheduledOne.LastChange);

        var alt = (await db.Listings.ListLatestAsync(ArticleScope.Site, 20, db.Clock.Now, Token)).Single(a => a.Slug == "alt");
        db.Clock.Now = db.Clock.Now.AddSeconds(1);
        await db.Articles.SetTrashedAsync(alt.Id, trashed: true, "redaktion", Token);
        var afterTrash = await db.Journal.FindContentVersionAsync(db.Clock.Now, Token);
        Assert.NotEqual(afterTheScheduledOne.Stamp, afterTrash.Stamp);
        Assert.Equal(db.Clock.Now, afterTrash.LastChange);
    }

    [Fact]
    public async Task ContentVersion_OfAnEmptyDatabase_HasNoLastChange()
    {
        await using var db = await TestDatabase.CreateAsync();

        var version = await db.Journal.FindContentVersionAsync(db.Clock.Now, Token);

        Assert.Null(version.LastChange);
    }

    [Fact]
    public async Task Sitemap_CountsAndListsExactlyThePublishedArticles_AndTheListingPagesWithArticles()
    {
        await using var db = await MixedAsync();

        Assert.Equal(new SitemapCounts(3, 5), await db.Sitemaps.CountSitemapEntriesAsync(db.Clock.Now, Token));
        var articles = await db.Sitemaps.ListSitemapArticlesAsync(1, 10, db.Clock.Now, Token);
        Assert.Equal(["alt", "mittel", "neu"], articles.Select(e => e.Slug));
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 6, 0, 0, TimeSpan.Zero), articles[1].LastModified);
        Assert.Equal(["neu"], (await db.Sitemaps.ListSitemapArticlesAsync(2, 2, db.Clock.Now, Token)).Select(e => e.Slug));

        var listings = await db.Sitemaps.ListSitemapListingPagesAsync(1, 10, db.Clock.Now, Token);
        Assert.Equal(
            ["Tag bahn", "Tag koeln", "Tag verkehr", "Author anna-berger", "Author jonas-weber"],
            listings.Select(e => $"{e.Kind} {e.Slug}"));
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 6, 0, 0, TimeSpan.Zero), listings.Single(e => e.Slug == "koeln").LastModified);
        Assert.Equal(["Author jonas-weber"], (await db.Sitemaps.ListSitemapListingPagesAsync(3, 2, db.Clock.Now, Token)).Select(e => $"{e.Kind} {e.Slug}"));
    }

    [Fact]
    public async Task PublishedSince_GivesTheWindowNewestFirst()
    {
        await using var db = await MixedAsync();

        var window = await db.Sitemaps.ListPublishedSinceAsync(new DateTimeOffset(2025, 1, 15, 0, 0, 0, TimeSpan.Zero), 1000, db.Clock.Now, Token);

        Assert.Equal(["neu", "mittel"], window.Select(e => e.Slug));
        Assert.Equal("Neu", window[0].Title);
    }
}
