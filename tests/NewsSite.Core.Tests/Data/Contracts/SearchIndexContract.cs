using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>Full-text search over the published articles: matching, ranking, visibility and the bound.</summary>
public abstract class SearchIndexContract : StoreContract
{
    private static async Task<List<string>> FindAsync(StorageUnderTest s, string text, DateTimeOffset? now = null) =>
        [.. (await s.Storage.Search.SearchAsync(text, 1, 10, now ?? s.Now, Token)).Hits.Items.Select(h => h.Slug)];

    [Fact]
    public async Task Search_MatchesWordsAsPrefixes_AndNeedsEveryWord()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Stadtbahn fährt wieder", body: "Die Linie 5 ist zurück."));
        await s.ImportAsync("b.md", Article("Stadtrat tagt", body: "Keine Bahn heute."));

        Assert.Equal(["stadtbahn-faehrt-wieder"], await FindAsync(s, "Stadtb"));
        Assert.Equal(["stadtbahn-faehrt-wieder"], await FindAsync(s, "stadt linie"));
        Assert.Equal(2, (await FindAsync(s, "STADT")).Count);
        Assert.Empty(await FindAsync(s, "stadt fußball"));
    }

    [Fact]
    public async Task Search_IgnoresUmlautsAndAccents()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Köln baut", body: "Ein neues Café am Rhein."));

        Assert.Equal(["koeln-baut"], await FindAsync(s, "koln"));
        Assert.Equal(["koeln-baut"], await FindAsync(s, "KÖLN"));
        Assert.Equal(["koeln-baut"], await FindAsync(s, "cafe"));
    }

    [Fact]
    public async Task Search_WordInTheTitle_OutranksTheWordInTheBody()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("t.md", Article("Hochwasser am Rhein", date: Day(1), body: "Die Pegel steigen."));
        await s.ImportAsync("b.md", Article("Wetterbericht", date: Day(2), body: "Am Wochenende droht Hochwasser."));

        Assert.Equal(["hochwasser-am-rhein", "wetterbericht"], await FindAsync(s, "hochwasser"));
    }

    [Fact]
    public async Task Search_EqualScores_GoToTheNewerArticle()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Marathon eins", date: Day(1), body: "Gleich."));
        await s.ImportAsync("b.md", Article("Marathon zwei", date: Day(2), body: "Gleich."));

        Assert.Equal(["marathon-zwei", "marathon-eins"], await FindAsync(s, "marathon"));
    }

    [Fact]
    public async Task Search_FindsNeitherDraftsNorTrashNorScheduled_UntilTheirTimeComes()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("d.md", Article("Geheimplan Entwurf", draft: true));
        var trashed = await s.ImportAsync("t.md", Article("Geheimplan Papierkorb"));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, Token);
        var due = s.Now.AddHours(2);
        await s.ImportAsync("g.md", Article("Geheimplan Geplant", date: Iso(due)));

        Assert.Empty(await FindAsync(s, "geheimplan"));
        Assert.Equal(["geheimplan-geplant"], await FindAsync(s, "geheimplan", due.AddMinutes(1)));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, false, Token);
        Assert.Equal(["geheimplan-papierkorb"], await FindAsync(s, "geheimplan"));
    }

    [Fact]
    public async Task Search_FewHits_AreAllRankedWithTheirTotalAndMarkedSnippets()
    {
        await using var s = await CreateStorageAsync();
        for (var i = 1; i <= 3; i++)
        {
            await s.ImportAsync($"{i}.md", Article($"Radweg {i}", date: Day(i), body: "Der Radweg wird breiter."));
        }

        var results = await s.Storage.Search.SearchAsync("radweg", 2, 2, s.Now, Token);

        Assert.False(results.MoreThanTotal);
        Assert.Equal((3, 2), (results.Hits.TotalCount, results.Hits.TotalPages));
        var hit = Assert.Single(results.Hits.Items);
        Assert.Equal("radweg-1", hit.Slug);
        Assert.Contains("<mark>", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TextWithoutAnyWord_FindsNothing()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Titel"));

        var results = await s.Storage.Search.SearchAsync(" ?! \"* ", 1, 10, s.Now, Token);

        Assert.Equal((0, false), (results.Hits.TotalCount, results.MoreThanTotal));
    }

    [Fact]
    public async Task Search_AfterAnEdit_FindsTheNewTitleNotTheOld()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Article("Altbau saniert"));

        await s.UpdateAsync(created.ArticleId, 1, Article("Neubau eröffnet"));

        Assert.Empty(await FindAsync(s, "altbau"));
        Assert.Equal(["altbau-saniert"], await FindAsync(s, "neubau"));
        Assert.Equal(0, await s.Storage.Search.IndexUnindexedArticlesAsync(Token));
    }
}
