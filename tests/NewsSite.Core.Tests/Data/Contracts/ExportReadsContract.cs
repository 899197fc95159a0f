using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>The export's reads: every article and author, whatever its status.</summary>
public abstract class ExportReadsContract : StoreContract
{
    [Fact]
    public async Task Articles_AreStreamedInCreationOrder_DraftsTrashAndScheduledIncluded()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("p.md", Article("Veröffentlicht", date: Day(9), tags: "Zug, Ärger, Bahn", summary: "Kurz."));
        await s.ImportAsync("d.md", Article("Entwurf", draft: true));
        var trashed = await s.ImportAsync("t.md", Article("Papierkorb", date: Day(1)));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);
        var due = s.Now.AddDays(3);
        await s.CreateAsync(Article("Geplant", date: Iso(due), feedKey: "2024-01-02:artikel/7"));

        var exported = new List<ArticleForExport>();
        await foreach (var article in s.Storage.Export.ReadAllForExportAsync(Token))
        {
            exported.Add(article);
        }

        Assert.Equal(["veroeffentlicht", "entwurf", "papierkorb", "geplant"], exported.Select(a => a.Slug));
        Assert.Equal([false, true, false, false], exported.Select(a => a.IsDraft));
        Assert.Equal([false, false, true, false], exported.Select(a => a.IsTrashed));
        Assert.Equal(["Zug", "Ärger", "Bahn"], exported[0].Tags);
        Assert.Equal(("Kurz.", "Anna Berger"), (exported[0].Summary, exported[0].AuthorName));
        Assert.Equal("2024-01-02:artikel/7", exported[3].FeedKey);
        Assert.All(exported, a => Assert.True(FeedKey.IsValid(a.FeedKey), a.FeedKey));
        Assert.Equal(4, exported.Select(a => a.FeedKey).Distinct().Count());
        Assert.Equal(due, exported[3].PublishedAt);
    }

    [Fact]
    public async Task Articles_CarryTheMarkdownOfTheCurrentRevision()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Article("Titel", body: "Erste Fassung."));
        await s.UpdateAsync(created.ArticleId, 1, Article("Titel", body: "Zweite Fassung."));

        var exported = new List<ArticleForExport>();
        await foreach (var article in s.Storage.Export.ReadAllForExportAsync(Token))
        {
            exported.Add(article);
        }

        var only = Assert.Single(exported);
        Assert.Contains("Zweite Fassung.", only.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Erste Fassung.", only.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authors_AreAllExported_WithTheirBios()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("A", author: "Anna Berger"));
        await s.ImportAsync("b.md", Article("B", author: "Max Weber", draft: true));
        await s.Storage.Authors.SaveBioAsync("anna-berger", 0, TestDatabase.ProfileParser.PrepareBio("Reporterin."), "ben", Token);

        var authors = await s.Storage.Export.ReadAllAuthorsForExportAsync(Token);

        Assert.Equal(
            [new AuthorForExport("anna-berger", "Anna Berger", "Reporterin."), new AuthorForExport("max-weber", "Max Weber", null)],
            authors.OrderBy(a => a.Slug, StringComparer.Ordinal));
    }
}
