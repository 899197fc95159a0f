using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>What the sitemaps list: published articles, the tag and author pages showing any, the news window.</summary>
public abstract class SitemapReadsContract : StoreContract
{
    private async Task<StorageUnderTest> SiteAsync()
    {
        var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Erster", date: Day(1), tags: "Bahn", author: "Anna Berger"));
        await s.ImportAsync("b.md", Article("Zweiter", date: Day(2), tags: "Bahn, Sport", author: "Max Weber"));
        await s.ImportAsync("c.md", Article("Dritter", date: Day(3), tags: "Sport", author: "Anna Berger"));
        await s.ImportAsync("d.md", Article("Entwurf", date: Day(4), tags: "Geheim", author: "Nur Entwurf", draft: true));
        await s.ImportAsync("g.md", Article("Geplant", date: Iso(s.Now.AddDays(1)), tags: "Zukunft", author: "Anna Berger"));
        return s;
    }

    [Fact]
    public async Task Counts_AreThePublishedArticlesAndTheListingPagesShowingThem()
    {
        await using var s = await SiteAsync();

        // Tags bahn and sport, authors anna-berger and max-weber; nothing of the draft or the scheduled article.
        Assert.Equal(new SitemapCounts(3, 4), await s.Storage.Sitemaps.CountSitemapEntriesAsync(s.Now, Token));
    }

    [Fact]
    public async Task Articles_AreListedOldestFirstInParts()
    {
        await using var s = await SiteAsync();

        var first = await s.Storage.Sitemaps.ListSitemapArticlesAsync(1, 2, s.Now, Token);
        var second = await s.Storage.Sitemaps.ListSitemapArticlesAsync(2, 2, s.Now, Token);

        Assert.Equal(["erster", "zweiter"], first.Select(e => e.Slug));
        Assert.Equal(["dritter"], second.Select(e => e.Slug));
        Assert.All(first.Concat(second), e => Assert.Equal(SitemapPageKind.Article, e.Kind));
        Assert.Equal(DateTimeOffset.Parse(Day(3), System.Globalization.CultureInfo.InvariantCulture), second[0].LastModified);
    }

    [Fact]
    public async Task ListingPages_AreTagsAndAuthors_EachChangedWithItsNewestArticle()
    {
        await using var s = await SiteAsync();

        var pages = await s.Storage.Sitemaps.ListSitemapListingPagesAsync(1, 10, s.Now, Token);

        Assert.Equal(
            [(SitemapPageKind.Tag, "bahn", Day(2)), (SitemapPageKind.Tag, "sport", Day(3)),
             (SitemapPageKind.Author, "anna-berger", Day(3)), (SitemapPageKind.Author, "max-weber", Day(2))],
            pages.Select(p => (p.Kind, p.Slug, Iso(p.LastModified))));
    }

    [Fact]
    public async Task PublishedSince_IsTheNewsWindow_NewestFirst()
    {
        await using var s = await SiteAsync();

        var window = await s.Storage.Sitemaps.ListPublishedSinceAsync(
            DateTimeOffset.Parse(Day(1), System.Globalization.CultureInfo.InvariantCulture), 10, s.Now, Token);
        var limited = await s.Storage.Sitemaps.ListPublishedSinceAsync(Start.AddYears(-1), 1, s.Now, Token);

        Assert.Equal(["dritter", "zweiter"], window.Select(e => e.Slug));
        Assert.Equal(["dritter"], limited.Select(e => e.Slug));
    }
}
