using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>
/// The public record of corrections: written with their article from its source, listed newest first for published
/// articles only, each with the revision that first carried it; and read with the article itself.
/// </summary>
public abstract class CorrectionListingsContract : StoreContract
{
    /// <summary>An article file with corrections: each (UTC date, text).</summary>
    private static string Corrected(string title, string date = "2025-05-01T10:00:00Z", bool draft = false, params (string Date, string Text)[] corrections) =>
        $"---\ntitle: \"{title}\"\nauthor: \"Anna Berger\"\ndate: {date}\ntags: [Politik]\n" + (draft ? "draft: true\n" : "")
        + (corrections.Length == 0 ? "" : "corrections:" + string.Concat(corrections.Select(c => $"\n  - date: {c.Date}\n    text: \"{c.Text}\"")) + "\n")
        + "---\n\nEin Absatz.\n";

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Corrections_OfPublishedArticles_AreListedNewestFirst_WithTheirArticle()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Corrected("Erster", corrections: [(Day(2), "A1"), (Day(5), "A2")]));
        await s.ImportAsync("b.md", Corrected("Zweiter", corrections: [(Day(3), "B1")]));
        await s.ImportAsync("c.md", Corrected("Ohne"));

        var page = await s.Storage.Corrections.ListPublishedAsync(1, 10, s.Now, Token);

        Assert.Equal([("A2", "erster"), ("B1", "zweiter"), ("A1", "erster")], page.Items.Select(c => (c.Text, c.ArticleSlug)));
        Assert.Equal(At(Day(5)), page.Items[0].At);
        Assert.Equal("Erster", page.Items[0].ArticleTitle);
        Assert.Equal(3, page.TotalCount);
    }

    [Fact]
    public async Task Drafts_ScheduledAndTrashedArticles_AreLeftOut()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("entwurf.md", Corrected("Entwurf", draft: true, corrections: [(Day(1), "E")]));
        await s.ImportAsync("geplant.md", Corrected("Geplant", date: Iso(s.Now.AddDays(1)), corrections: [(Day(1), "G")]));
        var trashed = await s.ImportAsync("weg.md", Corrected("Weg", corrections: [(Day(1), "W")]));
        await s.ImportAsync("da.md", Corrected("Da", corrections: [(Day(1), "D")]));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, trashed: true, "redaktion", Token);

        var page = await s.Storage.Corrections.ListPublishedAsync(1, 10, s.Now, Token);
        var later = await s.Storage.Corrections.ListPublishedAsync(1, 10, s.Now.AddDays(2), Token);

        Assert.Equal(["D"], page.Items.Select(c => c.Text));
        Assert.Equal(1, page.TotalCount);
        Assert.Equal(["D", "G"], later.Items.Select(c => c.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Pages_HoldPageSizeEach_CountedOverAll()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Corrected("Erster", corrections: [(Day(1), "K1"), (Day(2), "K2"), (Day(3), "K3")]));

        var second = await s.Storage.Corrections.ListPublishedAsync(2, 2, s.Now, Token);

        Assert.Equal(["K1"], second.Items.Select(c => c.Text));
        Assert.Equal((3, 2), (second.TotalCount, second.TotalPages));
    }

    [Fact]
    public async Task ACorrection_KeepsTheRevisionThatFirstCarriedIt_AndGoesWhenTheSourceDropsIt()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Corrected("Artikel", corrections: [(Day(1), "Alt")]));
        var second = await s.UpdateAsync(created.ArticleId, 1, Corrected("Artikel", corrections: [(Day(1), "Alt"), (Day(2), "Neu")]));

        var both = await s.Storage.Corrections.ListPublishedAsync(1, 10, s.Now, Token);
        await s.UpdateAsync(created.ArticleId, second.Revision, Corrected("Artikel", corrections: [(Day(2), "Neu")]));
        var one = await s.Storage.Corrections.ListPublishedAsync(1, 10, s.Now, Token);

        Assert.Equal([("Neu", 2), ("Alt", 1)], both.Items.Select(c => (c.Text, c.Revision)));
        Assert.Equal([("Neu", 2)], one.Items.Select(c => (c.Text, c.Revision)));
    }

    [Fact]
    public async Task ThePublishedArticle_CarriesItsCorrectionsNewestFirst_AndItsFeedEntryToo()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Corrected("Erster", corrections: [(Day(2), "Früher"), (Day(4), "Später")]));
        await s.ImportAsync("b.md", Corrected("Zweiter"));

        var article = await s.Storage.Published.FindPublishedAsync("erster", s.Now, Token);
        var feed = await s.Storage.Listings.ListLatestAsync(ArticleScope.Site, 10, s.Now, Token);

        Assert.Equal([new ArticleCorrection(At(Day(4)), "Später"), new ArticleCorrection(At(Day(2)), "Früher")], article!.Corrections);
        Assert.Equal(At(Day(4)), article.UpdatedAt);
        Assert.Equal(article.Corrections, feed.Single(a => a.Slug == "erster").Corrections);
        Assert.Empty(feed.Single(a => a.Slug == "zweiter").Corrections);
    }

    [Fact]
    public async Task AnUnchangedReimport_WritesNoCorrectionTwice()
    {
        await using var s = await CreateStorageAsync();
        var file = Corrected("Erster", corrections: [(Day(2), "Einmal")]);
        await s.ImportAsync("a.md", file);
        var again = await s.ImportAsync("a.md", file);

        var page = await s.Storage.Corrections.ListPublishedAsync(1, 10, s.Now, Token);

        Assert.Equal(ArticleWriteKind.Unchanged, again.Kind);
        Assert.Single(page.Items);
    }
}
