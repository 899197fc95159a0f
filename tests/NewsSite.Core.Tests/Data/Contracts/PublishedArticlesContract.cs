using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>One published article as readers reach it: visibility, former addresses, related articles, tags.</summary>
public abstract class PublishedArticlesContract : StoreContract
{
    [Fact]
    public async Task FindPublished_ReturnsTheArticleWithAuthorAndTagsInTheirOrder()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Titel", tags: "Zug, Köln, Bahn", author: "Anna Berger", summary: "Kurz."));

        var article = await s.Storage.Published.FindPublishedAsync("titel", s.Now, Token);

        Assert.NotNull(article);
        Assert.Equal(("Titel", "Kurz.", "Anna Berger", "anna-berger"), (article.Title, article.Summary, article.AuthorName, article.AuthorSlug));
        Assert.Equal(["zug", "koeln", "bahn"], article.Tags.Select(t => t.Slug));
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 10, 0, 0, TimeSpan.Zero), article.PublishedAt);
    }

    [Fact]
    public async Task FindPublished_HidesDraftsTrashedAndScheduledArticles()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("d.md", Article("Entwurf", draft: true));
        var trashed = await s.ImportAsync("t.md", Article("Papierkorb"));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);
        await s.ImportAsync("g.md", Article("Geplant", date: Iso(s.Now.AddHours(1))));

        Assert.Null(await s.Storage.Published.FindPublishedAsync("entwurf", s.Now, Token));
        Assert.Null(await s.Storage.Published.FindPublishedAsync("papierkorb", s.Now, Token));
        Assert.Null(await s.Storage.Published.FindPublishedAsync("geplant", s.Now, Token));
        Assert.Null(await s.Storage.Published.FindPublishedAsync("gibt-es-nicht", s.Now, Token));
    }

    [Fact]
    public async Task FindPublished_ScheduledArticleAppearsOnceTheClockPassesItsDate()
    {
        await using var s = await CreateStorageAsync();
        var due = s.Now.AddHours(1);
        await s.ImportAsync("g.md", Article("Geplant", date: Iso(due)));

        var before = await s.Storage.Published.FindPublishedAsync("geplant", due.AddSeconds(-1), Token);
        s.Clock.Now = due.AddMinutes(1);
        var after = await s.Storage.Published.FindPublishedAsync("geplant", s.Now, Token);

        Assert.Null(before);
        Assert.Equal(due, after?.PublishedAt);
    }

    [Fact]
    public async Task FindRedirect_ToAnArticleNoLongerPublic_FindsNothing()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Article("Titel", slug: "alt"));
        await s.UpdateAsync(created.ArticleId, 1, Article("Titel", slug: "neu"));

        await s.Storage.Articles.SetTrashedAsync(created.ArticleId, true, "redaktion", Token);

        Assert.Null(await s.Storage.Published.FindRedirectAsync("alt", s.Now, Token));
    }

    [Fact]
    public async Task FindRelated_RarerSharedTagWeighsMore_TiesGoToTheNewer_ExcludingItselfAndUnpublished()
    {
        await using var s = await CreateStorageAsync();
        var main = await s.ImportAsync("main.md", Article("Haupt", date: Day(10), tags: "Selten, Häufig"));
        await s.ImportAsync("x.md", Article("Selten geteilt", date: Day(1), tags: "Selten"));
        await s.ImportAsync("a.md", Article("Alt", date: Day(2), tags: "Häufig"));
        await s.ImportAsync("b.md", Article("Mittel", date: Day(3), tags: "Häufig"));
        await s.ImportAsync("c.md", Article("Neu", date: Day(4), tags: "Häufig"));
        await s.ImportAsync("e.md", Article("Fremd", date: Day(5), tags: "Sport"));
        await s.ImportAsync("d.md", Article("Entwurf", date: Day(6), tags: "Selten, Häufig", draft: true));
        var trashed = await s.ImportAsync("t.md", Article("Papierkorb", date: Day(7), tags: "Selten, Häufig"));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);

        var related = await s.Storage.Published.FindRelatedAsync(main.ArticleId, s.Now, cancellationToken: Token);

        // Selten is on 2 live articles, Häufig on 4: 1/ln 3 beats 1/ln 5 although the Häufig articles are newer.
        Assert.Equal(["selten-geteilt", "neu", "mittel", "alt"], related.Select(r => r.Slug));
        Assert.Equal(1 / Math.Log(3), related[0].Score, 6);
        Assert.Equal(1 / Math.Log(5), related[1].Score, 6);
    }

    [Fact]
    public async Task FindRelated_HonoursTheLimit()
    {
        await using var s = await CreateStorageAsync();
        var main = await s.ImportAsync("main.md", Article("Haupt", date: Day(10), tags: "Bahn"));
        for (var i = 1; i <= 4; i++)
        {
            await s.ImportAsync($"{i}.md", Article($"Bahn {i}", date: Day(i), tags: "Bahn"));
        }

        var related = await s.Storage.Published.FindRelatedAsync(main.ArticleId, s.Now, limit: 2, Token);

        Assert.Equal(["bahn-4", "bahn-3"], related.Select(r => r.Slug));
    }

    [Fact]
    public async Task FindTag_ReturnsItsNameBySlug()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Titel", tags: "Öffentlicher Verkehr"));

        Assert.Equal(new TagLink("Öffentlicher Verkehr", "oeffentlicher-verkehr"),
            await s.Storage.Published.FindTagAsync("oeffentlicher-verkehr", s.Now, Token));
        Assert.Null(await s.Storage.Published.FindTagAsync("unbekannt", s.Now, Token));
    }

    [Fact]
    public async Task FindTag_OnUnpublishedArticlesOnly_IsNotFound_UntilOneIsPublished()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Entwurf", tags: "Embargo", draft: true));
        await s.ImportAsync("b.md", Article("Geplant", tags: "Embargo", date: Iso(s.Now.AddDays(1))));
        var trashed = await s.ImportAsync("c.md", Article("Papierkorb", tags: "Embargo"));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);

        Assert.Null(await s.Storage.Published.FindTagAsync("embargo", s.Now, Token));
        Assert.Equal(new TagLink("Embargo", "embargo"), await s.Storage.Published.FindTagAsync("embargo", s.Now.AddDays(2), Token));
    }
}
