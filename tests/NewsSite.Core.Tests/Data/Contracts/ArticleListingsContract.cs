using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>The published articles in lists: scopes, paging, feeds, the archive and the tag overview.</summary>
public abstract class ArticleListingsContract : StoreContract
{
    private static ArchiveMonth Month(int year, int month) =>
        ArchiveMonth.TryCreate(year, month, out var result) ? result : throw new ArgumentOutOfRangeException(nameof(month));

    private async Task<StorageUnderTest> SevenArticlesAsync()
    {
        var s = await CreateStorageAsync();
        for (var i = 1; i <= 7; i++)
        {
            await s.ImportAsync($"{i}.md", Article($"Artikel {i}", date: Day(i)));
        }

        return s;
    }

    [Fact]
    public async Task ListPublished_PagesNewestFirstWithTheTotal()
    {
        await using var s = await SevenArticlesAsync();

        var first = await s.Storage.Listings.ListPublishedAsync(ArticleScope.Site, 1, 2, s.Now, Token);

        Assert.Equal(["artikel-7", "artikel-6"], first.Items.Select(a => a.Slug));
        Assert.Equal((7, 4, true, false), (first.TotalCount, first.TotalPages, first.HasNext, first.HasPrevious));
    }

    [Fact]
    public async Task ListPublished_PagesPastTheMiddleAndTheLastPageAreInOrder()
    {
        await using var s = await SevenArticlesAsync();

        var third = await s.Storage.Listings.ListPublishedAsync(ArticleScope.Site, 3, 2, s.Now, Token);
        var last = await s.Storage.Listings.ListPublishedAsync(ArticleScope.Site, 4, 2, s.Now, Token);
        var beyond = await s.Storage.Listings.ListPublishedAsync(ArticleScope.Site, 5, 2, s.Now, Token);

        Assert.Equal(["artikel-3", "artikel-2"], third.Items.Select(a => a.Slug));
        Assert.Equal(["artikel-1"], last.Items.Select(a => a.Slug));
        Assert.Empty(beyond.Items);
        Assert.Equal(7, beyond.TotalCount);
    }

    [Fact]
    public async Task ListPublished_LeavesOutDraftsTrashedAndScheduled_InItemsAndTotal()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Sichtbar"));
        await s.ImportAsync("d.md", Article("Entwurf", draft: true));
        var trashed = await s.ImportAsync("t.md", Article("Papierkorb"));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);
        var due = s.Now.AddDays(1);
        await s.ImportAsync("g.md", Article("Geplant", date: Iso(due)));

        var now = await s.Storage.Listings.ListPublishedAsync(ArticleScope.Site, 1, 10, s.Now, Token);
        var later = await s.Storage.Listings.ListPublishedAsync(ArticleScope.Site, 1, 10, due.AddMinutes(1), Token);

        Assert.Equal(["sichtbar"], now.Items.Select(a => a.Slug));
        Assert.Equal(1, now.TotalCount);
        Assert.Equal(["geplant", "sichtbar"], later.Items.Select(a => a.Slug));
        Assert.Equal(2, later.TotalCount);
    }

    [Fact]
    public async Task ListPublished_ByTagAuthorAndMonth_ListsOnlyThatScope()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Bahn Mai", date: "2025-05-03T10:00:00Z", tags: "Bahn", author: "Anna Berger"));
        await s.ImportAsync("b.md", Article("Sport Mai", date: "2025-05-04T10:00:00Z", tags: "Sport", author: "Max Weber"));
        await s.ImportAsync("c.md", Article("Bahn April", date: "2025-04-04T10:00:00Z", tags: "Sport, Bahn", author: "Max Weber"));

        var tag = await s.Storage.Listings.ListPublishedAsync(ArticleScope.ForTag("bahn"), 1, 10, s.Now, Token);
        var author = await s.Storage.Listings.ListPublishedAsync(ArticleScope.ForAuthor("max-weber"), 1, 10, s.Now, Token);
        var month = await s.Storage.Listings.ListPublishedAsync(ArticleScope.ForMonth(Month(2025, 5)), 1, 10, s.Now, Token);

        Assert.Equal(["bahn-mai", "bahn-april"], tag.Items.Select(a => a.Slug));
        Assert.Equal(["sport-mai", "bahn-april"], author.Items.Select(a => a.Slug));
        Assert.Equal(["sport-mai", "bahn-mai"], month.Items.Select(a => a.Slug));
        Assert.Equal([2, 2, 2], [tag.TotalCount, author.TotalCount, month.TotalCount]);
    }

    [Fact]
    public async Task ListLatest_GivesTheNewestWithTheirTagsInOrder()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Alt", date: Day(1), tags: "Bahn"));
        await s.ImportAsync("b.md", Article("Mitte", date: Day(2), tags: "Zug, Bahn"));
        await s.ImportAsync("c.md", Article("Neu", date: Day(3), tags: "Sport, Ärger, Bahn"));
        await s.ImportAsync("d.md", Article("Entwurf", date: Day(4), tags: "Bahn", draft: true));

        var latest = await s.Storage.Listings.ListLatestAsync(ArticleScope.ForTag("bahn"), 2, s.Now, Token);

        Assert.Equal(["neu", "mitte"], latest.Select(a => a.Slug));
        Assert.Equal(["sport", "aerger", "bahn"], latest[0].Tags.Select(t => t.Slug));
        Assert.Equal(["Zug", "Bahn"], latest[1].Tags.Select(t => t.Name));
    }

    [Fact]
    public async Task ArchiveMonths_AreBerlinMonths_NewestFirstWithCounts()
    {
        await using var s = await CreateStorageAsync();
        // 23:30 and 00:30 Berlin summer time: the last minutes of March and the first of April.
        await s.ImportAsync("a.md", Article("Ende März", date: "2025-03-31T21:30:00Z"));
        await s.ImportAsync("b.md", Article("Anfang April", date: "2025-03-31T22:30:00Z"));
        await s.ImportAsync("c.md", Article("Auch April", date: "2025-04-15T10:00:00Z"));
        await s.ImportAsync("d.md", Article("Entwurf Mai", date: "2025-05-15T10:00:00Z", draft: true));

        var months = await s.Storage.Listings.ListArchiveMonthsAsync(s.Now, Token);
        var march = await s.Storage.Listings.ListPublishedAsync(ArticleScope.ForMonth(Month(2025, 3)), 1, 10, s.Now, Token);

        Assert.Equal([new ArchiveMonthCount(Month(2025, 4), 2), new ArchiveMonthCount(Month(2025, 3), 1)], months);
        Assert.Equal(["ende-maerz"], march.Items.Select(a => a.Slug));
    }

    [Fact]
    public async Task ArchiveNeighbours_AreTheClosestMonthsWithPublishedArticles()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Januar", date: "2025-01-10T10:00:00Z"));
        await s.ImportAsync("b.md", Article("März", date: "2025-03-10T10:00:00Z"));
        await s.ImportAsync("c.md", Article("Mai", date: "2025-05-10T10:00:00Z"));
        await s.ImportAsync("d.md", Article("Entwurf April", date: "2025-04-10T10:00:00Z", draft: true));

        var ofMarch = await s.Storage.Listings.FindArchiveNeighboursAsync(Month(2025, 3), s.Now, Token);
        var ofJanuary = await s.Storage.Listings.FindArchiveNeighboursAsync(Month(2025, 1), s.Now, Token);
        var ofMay = await s.Storage.Listings.FindArchiveNeighboursAsync(Month(2025, 5), s.Now, Token);

        Assert.Equal(new ArchiveNeighbours(Month(2025, 1), Month(2025, 5)), ofMarch);
        Assert.Equal(new ArchiveNeighbours(null, Month(2025, 3)), ofJanuary);
        Assert.Equal(new ArchiveNeighbours(Month(2025, 3), null), ofMay);
    }

    [Fact]
    public async Task TagOverview_IsInGermanOrder_WithCountsOfPublishedArticlesOnly()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Eins", tags: "Zug, Ärger, Bahn"));
        await s.ImportAsync("b.md", Article("Zwei", tags: "Apfel, Bahn"));
        await s.ImportAsync("c.md", Article("Entwurf", tags: "Geheim, Bahn", draft: true));

        var tags = await s.Storage.Listings.ListTagsWithArticlesAsync(s.Now, Token);

        Assert.Equal(
            [new TagCount("Apfel", "apfel", 1), new TagCount("Ärger", "aerger", 1), new TagCount("Bahn", "bahn", 2), new TagCount("Zug", "zug", 1)],
            tags);
    }
}
