using Dapper;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

public class ArticleRepositoryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SavedArticleIsFoundWithRenderedBodyTagsAndAuthor()
    {
        await using var db = await TestDatabase.CreateAsync();
        var saved = await db.SaveAsync(ArticleFile.With("Köln baut aus", "2025-01-23T10:40:00", "[Köln, Verkehr]",
            body: "Erster Absatz mit *Betonung*.\n\n## Die Pläne\n\nMehr."), "koeln.md");

        var article = await db.Published.FindPublishedAsync("koeln-baut-aus", db.Clock.Now, Token);

        Assert.NotNull(article);
        Assert.Equal(saved.ArticleId, article.Id);
        Assert.Equal("Köln baut aus", article.Title);
        Assert.Equal("Test Autorin", article.AuthorName);
        Assert.Equal("test-autorin", article.AuthorSlug);
        Assert.Equal(new DateTimeOffset(2025, 1, 23, 9, 40, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal([new TagLink("Köln", "koeln"), new TagLink("Verkehr", "verkehr")], article.Tags);
        Assert.Contains("<h2 id=\"die-plaene\">Die Pläne</h2>", article.BodyHtml, StringComparison.Ordinal);
        Assert.Equal("Erster Absatz mit Betonung.", article.Summary);
    }

    [Fact]
    public async Task DraftsAndFutureArticlesAreNotPublished()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Entwurf", "2025-01-01", "[]", extra: "draft: true"), "entwurf.md");
        await db.SaveAsync(ArticleFile.With("Zukunft", "2026-01-01", "[]"), "zukunft.md");
        await db.SaveAsync(ArticleFile.With("Jetzt", "2025-01-01", "[]"), "jetzt.md");

        Assert.Null(await db.Published.FindPublishedAsync("entwurf", db.Clock.Now, Token));
        Assert.Null(await db.Published.FindPublishedAsync("zukunft", db.Clock.Now, Token));
        var listed = await db.Listings.ListPublishedAsync(ArticleScope.Site, 1, 10, db.Clock.Now, Token);
        Assert.Equal(["jetzt"], listed.Items.Select(a => a.Slug));
        Assert.Equal(1, listed.TotalCount);
    }

    [Fact]
    public async Task ListingIsNewestFirstAndPaged()
    {
        await using var db = await TestDatabase.CreateAsync();
        for (var day = 1; day <= 5; day++)
        {
            await db.SaveAsync(ArticleFile.With($"Tag {day}", $"2025-01-0{day}", "[Chronik]"), $"{day}.md");
        }

        var first = await db.Listings.ListPublishedAsync(ArticleScope.Site, 1, 2, db.Clock.Now, Token);
        var last = await db.Listings.ListPublishedAsync(ArticleScope.Site, 3, 2, db.Clock.Now, Token);
        var byTag = await db.Listings.ListPublishedAsync(ArticleScope.ForTag("chronik"), 2, 2, db.Clock.Now, Token);

        Assert.Equal(["tag-5", "tag-4"], first.Items.Select(a => a.Slug));
        Assert.Equal(3, first.TotalPages);
        Assert.True(first.HasNext);
        Assert.False(first.HasPrevious);
        Assert.Equal(["tag-1"], last.Items.Select(a => a.Slug));
        Assert.False(last.HasNext);
        Assert.Equal(["tag-3", "tag-2"], byTag.Items.Select(a => a.Slug));
        Assert.Equal(5, byTag.TotalCount);
    }

    [Fact]
    public async Task TagSpellingsShareOneRowAndTheFirstSpellingIsShown()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Eins", "2025-01-01", "[Köln]"), "1.md");
        await db.SaveAsync(ArticleFile.With("Zwei", "2025-01-02", "[\"köln \"]"), "2.md");
        await db.SaveAsync(ArticleFile.With("Drei", "2025-01-03", "[KÖLN]"), "3.md");

        await using var connection = await db.Database.OpenAsync(Token);
        var tags = (await connection.QueryAsync<string>("SELECT display_name FROM tags;")).ToList();
        Assert.Equal(["Köln"], tags);
        Assert.Equal(3, (await db.Listings.ListPublishedAsync(ArticleScope.ForTag("koeln"), 1, 10, db.Clock.Now, Token)).TotalCount);
        Assert.Equal(new TagLink("Köln", "koeln"), await db.Published.FindTagAsync("koeln", db.Clock.Now, Token));
    }

    [Fact]
    public async Task DifferentTagsWithTheSameSlugGetDistinctSlugs()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Eins", "2025-01-01", "[\"C\", \"C#\"]"), "1.md");

        var article = await db.Published.FindPublishedAsync("eins", db.Clock.Now, Token);

        Assert.Equal([new TagLink("C", "c"), new TagLink("C#", "c-2")], article!.Tags);
    }

    [Fact]
    public async Task SameTitleFromAnotherFileGetsANumberedSlug()
    {
        await using var db = await TestDatabase.CreateAsync();

        var first = await db.SaveAsync(ArticleFile.With("Wahl in Köln", "2025-01-01", "[]"), "a.md");
        var second = await db.SaveAsync(ArticleFile.With("Wahl in Köln", "2025-01-02", "[]"), "b.md");

        Assert.Equal("wahl-in-koeln", first.Slug);
        Assert.Equal("wahl-in-koeln-2", second.Slug);
    }

    [Fact]
    public async Task ExplicitSlugOfAnotherArticleIsRefusedAndNothingIsWritten()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Original", "2025-01-01", "[]", extra: "slug: wahl"), "a.md");

        var e = await Assert.ThrowsAsync<ArticleConflictException>(() =>
            db.SaveAsync(ArticleFile.With("Kopie", "2025-01-02", "[Neu]", extra: "slug: wahl"), "b.md"));

        Assert.Equal("slug", e.Field);
        Assert.Contains("„wahl“ gehört bereits", e.Message, StringComparison.Ordinal);
        Assert.Equal("Original", (await db.Published.FindPublishedAsync("wahl", db.Clock.Now, Token))!.Title);
        Assert.Equal(1, await db.Articles.CountAsync(Token));
        await using var connection = await db.Database.OpenAsync(Token);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM tags;"));
    }

    [Fact]
    public async Task EveryWriteKeepsARevisionWithItsSourceAndOrigin()
    {
        await using var db = await TestDatabase.CreateAsync();
        var first = ArticleFile.With("Fassung", "2025-01-01", "[A]", body: "Erste Fassung.");
        var second = ArticleFile.With("Fassung", "2025-01-01", "[A]", body: "Zweite Fassung.");

        var created = await db.SaveAsync(first, "artikel.md");
        var updated = await db.SaveAsync(second, "artikel.md");

        Assert.Equal(ArticleWriteKind.Created, created.Kind);
        Assert.Equal(ArticleWriteKind.Updated, updated.Kind);
        Assert.Equal(2, updated.Revision);
        var revisions = await db.Editing.ListRevisionsAsync(created.ArticleId, Token);
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Contains("Erste Fassung.", revisions[0].Markdown, StringComparison.Ordinal);
        Assert.Contains("Zweite Fassung.", revisions[1].Markdown, StringComparison.Ordinal);
        Assert.All(revisions, r => Assert.Equal(RevisionOrigin.Import, r.Origin));
        Assert.All(revisions, r => Assert.Equal("artikel.md", r.OriginDetail));
        Assert.Contains("Zweite Fassung.", (await db.Published.FindPublishedAsync("fassung", db.Clock.Now, Token))!.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateKeepsTheSlugWhenTheTitleChanges()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Alter Titel", "2025-01-01", "[]"), "artikel.md");

        var updated = await db.SaveAsync(ArticleFile.With("Neuer Titel", "2025-01-01", "[]"), "artikel.md");

        Assert.Equal("alter-titel", updated.Slug);
        Assert.Equal("Neuer Titel", (await db.Published.FindPublishedAsync("alter-titel", db.Clock.Now, Token))!.Title);
    }

    [Fact]
    public async Task UpdateReplacesTheTags()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("T", "2025-01-01", "[Alt, Bleibt]"), "artikel.md");

        await db.SaveAsync(ArticleFile.With("T", "2025-01-01", "[Bleibt, Neu]"), "artikel.md");

        var article = await db.Published.FindPublishedAsync("t", db.Clock.Now, Token);
        Assert.Equal(["Bleibt", "Neu"], article!.Tags.Select(t => t.Name));
    }

    [Fact]
    public async Task ArticleWithoutDateIsPublishedNowAndKeepsThatDate()
    {
        await using var db = await TestDatabase.CreateAsync();
        var firstImport = db.Clock.Now;
        await db.SaveAsync("---\ntitle: Ohne Datum\n---\nText", "ohne.md");
        db.Clock.Now = firstImport.AddDays(1);

        await db.SaveAsync("---\ntitle: Ohne Datum\n---\nGeänderter Text", "ohne.md");

        Assert.Equal(firstImport, (await db.Published.FindPublishedAsync("ohne-datum", db.Clock.Now, Token))!.PublishedAt);
    }

    [Fact]
    public async Task DryRunWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var content = TestDatabase.Parser.Parse("a.md", ArticleFile.With("Probe", "2025-01-01", "[A]"));

        var result = await db.Articles.SaveAsync(content, ArticleOrigin.ImportedFile("a.md"), dryRun: true, Token);

        Assert.Equal(ArticleWriteKind.Created, result.Kind);
        Assert.Equal(0, await db.Articles.CountAsync(Token));
    }
}
