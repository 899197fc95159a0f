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
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);
        var due = s.Now.AddHours(2);
        await s.ImportAsync("g.md", Article("Geheimplan Geplant", date: Iso(due)));

        Assert.Empty(await FindAsync(s, "geheimplan"));
        Assert.Equal(["geheimplan-geplant"], await FindAsync(s, "geheimplan", due.AddMinutes(1)));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, false, "redaktion", Token);
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

    [Fact]
    public async Task Search_GermanSpellings_MeetBothWays()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("k.md", Article("Köln baut aus", tags: "Köln", body: "Neue Linien."));
        await s.ImportAsync("s.md", Article("Die Straße wird gesperrt", body: "Ab Montag."));
        await s.ImportAsync("w.md", Article("Die Hauptstrasse bleibt offen", body: "Die Strasse ist frei."));

        Assert.Equal(["koeln-baut-aus"], await FindAsync(s, "koeln"));
        Assert.Equal(["koeln-baut-aus"], await FindAsync(s, "Köln"));
        Assert.Equal(["koeln-baut-aus"], await FindAsync(s, "KOELN"));
        Assert.Equal(["die-hauptstrasse-bleibt-offen", "die-strasse-wird-gesperrt"], (await FindAsync(s, "strasse")).Order());
        Assert.Equal(["die-hauptstrasse-bleibt-offen", "die-strasse-wird-gesperrt"], (await FindAsync(s, "Straße")).Order());
    }

    [Fact]
    public async Task Search_Inflections_FindEachOther_CompoundsStayWords()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Russland und Ukraine tauschen Gefangene aus", body: "Ein Absatz."));
        await s.ImportAsync("b.md", Article("Ein Gefangener kommt frei", body: "Ein Absatz."));
        await s.ImportAsync("c.md", Article("Südschwarzwald im Schnee", body: "Ein Absatz."));

        Assert.Equal(2, (await FindAsync(s, "Gefangener")).Count);
        Assert.Equal(2, (await FindAsync(s, "Gefangene")).Count);
        Assert.Equal(2, (await FindAsync(s, "gefangenen")).Count);
        Assert.Empty(await FindAsync(s, "schwarzwald"));
        Assert.Equal(["suedschwarzwald-im-schnee"], await FindAsync(s, "sudschwarzwald"));
    }

    [Fact]
    public async Task Search_QuelleIsNotQulle()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("q.md", Article("Eine Quelle im Wald", body: "Ein Absatz."));

        Assert.Single(await FindAsync(s, "Quelle"));
        Assert.Empty(await FindAsync(s, "qulle"));
    }

    [Fact]
    public async Task Excerpt_IsTheOriginalText_MarkedWhereTheWordsMatch()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("k.md", Article("Stadtbahn", body: "Die Stadt Köln baut ihre Straßen um."));

        var hit = Assert.Single((await s.Storage.Search.SearchAsync("koeln strasse", 1, 10, s.Now, Token)).Hits.Items);

        Assert.Equal("Die Stadt <mark>Köln</mark> baut ihre <mark>Straßen</mark> um.", hit.SnippetHtml);
    }

    [Fact]
    public async Task Excerpt_DoesNotRunAHeadingIntoTheNextSentence()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("p.md", Article(
            "Der Plan", body: "Die Stadt plant.\n\n## Neue Strecken\n\nSchwerpunkt des Plans ist die Stadtbahn."));

        var inParagraph = Assert.Single((await s.Storage.Search.SearchAsync("Schwerpunkt", 1, 10, s.Now, Token)).Hits.Items);
        var inHeading = Assert.Single((await s.Storage.Search.SearchAsync("Strecken", 1, 10, s.Now, Token)).Hits.Items);

        Assert.Equal("<mark>Schwerpunkt</mark> des Plans ist die Stadtbahn.", inParagraph.SnippetHtml);
        Assert.Equal("Neue <mark>Strecken</mark> – Schwerpunkt des Plans ist die Stadtbahn.", inHeading.SnippetHtml);
    }

    [Fact]
    public async Task Suggestion_IsTheClosestPublishedWord_AsItIsWritten()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("u.md", Article("Russland und Ukraine tauschen Gefangene aus", body: "Die Ukraine meldet."));
        await s.ImportAsync("k.md", Article("Köln baut aus", body: "Ein Absatz."));

        Assert.Equal("Ukraine", (await s.Storage.Search.SuggestAsync("Ukriane", s.Now, Token))?.Text);
        Assert.Equal("Ukraine Gefangene", (await s.Storage.Search.SuggestAsync("ukriane Gefangene", s.Now, Token))?.Text);
        Assert.Equal("Köln", (await s.Storage.Search.SuggestAsync("Kölm", s.Now, Token))?.Text);
        Assert.Null(await s.Storage.Search.SuggestAsync("Ukraine", s.Now, Token));
        Assert.Null(await s.Storage.Search.SuggestAsync("Ukr", s.Now, Token));
        Assert.Null(await s.Storage.Search.SuggestAsync("Xylophon", s.Now, Token));
        Assert.Null(await s.Storage.Search.SuggestAsync(" ?! ", s.Now, Token));
    }

    [Fact]
    public async Task Suggestion_OfEquallyCloseWords_IsTheOneInMorePublishedArticles()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("1.md", Article("Hafen eins", date: Day(1), body: "Der Hafen wächst."));
        await s.ImportAsync("2.md", Article("Hafen zwei", date: Day(2), body: "Der Hafen wächst."));
        await s.ImportAsync("3.md", Article("Haken", date: Day(3), body: "Ein Haken."));

        Assert.Equal("Hafen", (await s.Storage.Search.SuggestAsync("Hasen", s.Now, Token))?.Text);
    }

    [Fact]
    public async Task Suggestion_NeverComesFromDraftsTrashOrScheduledArticles()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("d.md", Article("Geheimprojekt Entwurf", draft: true));
        var trashed = await s.ImportAsync("t.md", Article("Geheimprojekt Papierkorb"));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);
        var due = s.Now.AddHours(2);
        await s.ImportAsync("g.md", Article("Geheimprojekt Geplant", date: Iso(due)));
        await s.ImportAsync("p.md", Article("Öffentliches Projekt", body: "Ein Absatz."));

        Assert.Null(await s.Storage.Search.SuggestAsync("Geheimprojeckt", s.Now, Token));
        Assert.Null(await s.Storage.Search.SuggestAsync("Entwurff", s.Now, Token));
        Assert.Equal("Geheimprojekt", (await s.Storage.Search.SuggestAsync("Geheimprojeckt", due.AddMinutes(1), Token))?.Text);
    }
}
