using NewsSite.Core.Articles;
using NewsSite.Core.Ressorts;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>The Ressort list, the Ressort of an article, its listing, its journal entries, sitemap and export.</summary>
public abstract class RessortStoreContract : StoreContract
{
    private static string InRessort(string title, string ressort, string date = "2025-05-01T10:00:00Z", bool draft = false) =>
        Article(title, date: date, draft: draft).Replace("---\n\n", $"ressort: {ressort}\n---\n\n", StringComparison.Ordinal);

    private static async Task<StorageUnderTest> WithRessortsAsync(StorageUnderTest s, params string[] names)
    {
        foreach (var name in names)
        {
            await s.Storage.Ressorts.AddAsync(new RessortDraft(name, Slug.FromText(name, "ressort")), Token);
        }

        return s;
    }

    [Fact]
    public async Task Add_AppendsInNavigationOrder_AndRefusesATakenNameOrSlug()
    {
        await using var s = await WithRessortsAsync(await CreateStorageAsync(), "Politik", "Außenpolitik");

        var name = await Assert.ThrowsAsync<RessortConflictException>(() => s.Storage.Ressorts.AddAsync(new RessortDraft("politik", "innen"), Token));
        var slug = await Assert.ThrowsAsync<RessortConflictException>(() => s.Storage.Ressorts.AddAsync(new RessortDraft("Innen", "politik"), Token));
        var bad = await Assert.ThrowsAsync<RessortConflictException>(() => s.Storage.Ressorts.AddAsync(new RessortDraft("Sport", "Sport!"), Token));

        Assert.Equal(["Politik:politik", "Außenpolitik:aussenpolitik"], (await s.Storage.Ressorts.ListAsync(Token)).Select(r => $"{r.Name}:{r.Slug}"));
        Assert.Equal(("name", "slug", "slug"), (name.Field, slug.Field, bad.Field));
        Assert.Contains("gibt es schon", name.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_RenamesAndMovesTheSlug_TheOldSlugLeadsToTheNewOne_ArticlesFollow()
    {
        await using var s = await WithRessortsAsync(await CreateStorageAsync(), "Kultur");
        var kultur = (await s.Storage.Ressorts.FindBySlugAsync("kultur", Token))!;
        await s.ImportAsync("a.md", InRessort("Oper", "Kultur"));

        Assert.True(await s.Storage.Ressorts.UpdateAsync(kultur.Id, new RessortDraft("Feuilleton", "feuilleton"), Token));

        Assert.Null(await s.Storage.Ressorts.FindBySlugAsync("kultur", Token));
        Assert.Equal("feuilleton", await s.Storage.Ressorts.FindRedirectAsync("kultur", Token));
        Assert.Equal(new RessortLink("Feuilleton", "feuilleton"), (await s.Storage.Published.FindPublishedAsync("oper", s.Now, Token))!.Ressort);
        Assert.False(await s.Storage.Ressorts.UpdateAsync(999, new RessortDraft("X", "x"), Token));
    }

    [Fact]
    public async Task Move_SwapsWithTheNeighbour_AndStopsAtTheEnds()
    {
        await using var s = await WithRessortsAsync(await CreateStorageAsync(), "A", "B", "C");
        var c = (await s.Storage.Ressorts.FindBySlugAsync("c", Token))!;
        var a = (await s.Storage.Ressorts.FindBySlugAsync("a", Token))!;

        await s.Storage.Ressorts.MoveAsync(c.Id, up: true, Token);
        await s.Storage.Ressorts.MoveAsync(a.Id, up: true, Token);

        Assert.Equal(["A", "C", "B"], (await s.Storage.Ressorts.ListAsync(Token)).Select(r => r.Name));
    }

    [Fact]
    public async Task Delete_IsRefusedWhileAnyArticleUsesIt_DraftsIncluded()
    {
        await using var s = await WithRessortsAsync(await CreateStorageAsync(), "Sport", "Panorama");
        var sport = (await s.Storage.Ressorts.FindBySlugAsync("sport", Token))!;
        var panorama = (await s.Storage.Ressorts.FindBySlugAsync("panorama", Token))!;
        await s.ImportAsync("a.md", InRessort("Geheim", "Sport", draft: true));

        var refused = await Assert.ThrowsAsync<RessortConflictException>(() => s.Storage.Ressorts.DeleteAsync(sport.Id, Token));

        Assert.Contains("1 Artikel", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(await s.Storage.Ressorts.FindBySlugAsync("sport", Token));
        Assert.Equal(1, (await s.Storage.Ressorts.CountArticlesAsync(Token))[sport.Id]);
        Assert.True(await s.Storage.Ressorts.DeleteAsync(panorama.Id, Token));
        Assert.Equal(["Sport"], (await s.Storage.Ressorts.ListAsync(Token)).Select(r => r.Name));
    }

    [Fact]
    public async Task AnArticle_NamesItsRessortByNameOrSlug_AnUnknownOneIsRefusedNamingTheKnownOnes_NothingSaved()
    {
        await using var s = await WithRessortsAsync(await CreateStorageAsync(), "Politik", "Wirtschaft");

        await s.ImportAsync("a.md", InRessort("Nach Namen", "politik"));
        await s.ImportAsync("b.md", InRessort("Nach Slug", "wirtschaft"));
        var refused = await Assert.ThrowsAsync<ArticleConflictException>(() => s.ImportAsync("c.md", InRessort("Vertippt", "Wirtschft")));

        Assert.Equal("ressort", refused.Field);
        Assert.Contains("„Wirtschft“ gibt es nicht. Bekannte Ressorts: Politik, Wirtschaft.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, await s.Storage.Articles.CountAsync(Token));
        Assert.Equal("politik", (await s.Storage.Published.FindPublishedAsync("nach-namen", s.Now, Token))!.Ressort!.Slug);
        Assert.Equal("wirtschaft", (await s.Storage.Published.FindPublishedAsync("nach-slug", s.Now, Token))!.Ressort!.Slug);
    }

    [Fact]
    public async Task AnArticleWithoutRessort_HasNone()
    {
        await using var s = await WithRessortsAsync(await CreateStorageAsync(), "Politik");
        await s.ImportAsync("a.md", Article("Ohne"));

        Assert.Null((await s.Storage.Published.FindPublishedAsync("ohne", s.Now, Token))!.Ressort);
    }

    [Fact]
    public async Task Listing_OfARessort_HasItsPublishedArticlesNewestFirst_AndItsFeedTheSame()
    {
        await using var s = await WithRessortsAsync(await CreateStorageAsync(), "Politik", "Sport");
        await s.ImportAsync("a.md", InRessort("Alt", "Politik", Day(1)));
        await s.ImportAsync("b.md", InRessort("Neu", "Politik", Day(3)));
        await s.ImportAsync("c.md", InRessort("Entwurf", "Politik", Day(4), draft: true));
        await s.ImportAsync("d.md", InRessort("Geplant", "Politik", Iso(s.Now.AddDays(1))));
        await s.ImportAsync("e.md", InRessort("Tor", "Sport", Day(2)));

        var page = await s.Storage.Listings.ListPublishedAsync(ArticleScope.ForRessort("politik"), 1, 10, s.Now, Token);
        var feed = await s.Storage.Listings.ListLatestAsync(ArticleScope.ForRessort("politik"), 10, s.Now, Token);

        Assert.Equal(["Neu", "Alt"], page.Items.Select(t => t.Title));
        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["Neu", "Alt"], feed.Select(a => a.Title));
        Assert.All(feed, a => Assert.Equal("Politik", a.Ressort!.Name));
        Assert.Empty((await s.Storage.Listings.ListPublishedAsync(ArticleScope.ForRessort("gibt-es-nicht"), 1, 10, s.Now, Token)).Items);
    }

    [Fact]
    public async Task Journal_NamesTheRessortsBeforeAndAfter_AndAListChangeIsOneOfTheWholeSite()
    {
        await using var s = await WithRessortsAsync(await CreateStorageAsync(), "Politik", "Sport");
        var written = await s.ImportAsync("a.md", InRessort("Wechsel", "Politik"));
        var afterCreate = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        await s.ImportAsync("a.md", InRessort("Wechsel", "Sport"));
        var moved = Assert.Single((await s.Storage.Journal.ReadPendingChangesAsync(afterCreate, s.Now, s.Now, Token)).Changes);
        var afterMove = await s.Storage.Journal.FindLastChangeIdAsync(Token);
        await s.Storage.Ressorts.MoveAsync((await s.Storage.Ressorts.FindBySlugAsync("sport", Token))!.Id, up: true, Token);
        var listChange = Assert.Single((await s.Storage.Journal.ReadPendingChangesAsync(afterMove, s.Now, s.Now, Token)).Changes);

        Assert.Equal(["politik", "sport"], moved.RessortSlugs.Order());
        Assert.Equal(["wechsel"], moved.ArticleSlugs);
        Assert.True(listChange.WholeSite);
        Assert.True(written.ArticleId > 0);
    }

    [Fact]
    public async Task Seed_FillsOnlyASiteWithoutRessorts_AllOrNothing()
    {
        await using var s = await CreateStorageAsync();
        RessortDraft[] starters = [new("Politik", "politik"), new("Sport", "sport")];

        Assert.Equal(2, await s.Storage.Ressorts.SeedAsync(starters, dryRun: true, Token));
        Assert.Empty(await s.Storage.Ressorts.ListAsync(Token));
        Assert.Equal(2, await s.Storage.Ressorts.SeedAsync(starters, cancellationToken: Token));
        Assert.Equal(0, await s.Storage.Ressorts.SeedAsync([new("Kultur", "kultur")], cancellationToken: Token));
        Assert.Equal(["Politik", "Sport"], (await s.Storage.Ressorts.ListAsync(Token)).Select(r => r.Name));
    }

    [Fact]
    public async Task Sitemap_ListsEachRessortWithAPublishedArticle_AndExportNamesTheRessort()
    {
        await using var s = await WithRessortsAsync(await CreateStorageAsync(), "Politik", "Leer");
        await s.ImportAsync("a.md", InRessort("Wahl", "Politik", Day(2)));

        var pages = await s.Storage.Sitemaps.ListSitemapListingPagesAsync(1, 100, s.Now, Token);
        var counts = await s.Storage.Sitemaps.CountSitemapEntriesAsync(s.Now, Token);
        var exported = new List<ArticleForExport>();
        await foreach (var article in s.Storage.Export.ReadAllForExportAsync(Token))
        {
            exported.Add(article);
        }

        var ressortPage = Assert.Single(pages, p => p.Kind == SitemapPageKind.Ressort);
        Assert.Equal("politik", ressortPage.Slug);
        Assert.Equal(pages.Count, counts.ListingPages);
        Assert.Equal("Politik", Assert.Single(exported).RessortName);
        Assert.Equal([new RessortDraft("Politik", "politik"), new RessortDraft("Leer", "leer")], await s.Storage.Export.ReadAllRessortsForExportAsync(Token));
    }
}
