using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>The admin's reads: every article whatever its status, filtered, and its history.</summary>
public abstract class EditorArticlesContract : StoreContract
{
    private async Task<StorageUnderTest> OneOfEachStatusAsync()
    {
        var s = await CreateStorageAsync();
        await s.ImportAsync("p.md", Article("Veröffentlicht", tags: "Bahn"));
        s.Clock.Now = s.Now.AddMinutes(1);
        await s.ImportAsync("g.md", Article("Geplant", date: Iso(s.Now.AddDays(1)), author: "Max Weber"));
        s.Clock.Now = s.Now.AddMinutes(1);
        await s.ImportAsync("d.md", Article("Entwurf", draft: true));
        s.Clock.Now = s.Now.AddMinutes(1);
        var trashed = await s.ImportAsync("t.md", Article("Papierkorb"));
        s.Clock.Now = s.Now.AddMinutes(1);
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);
        return s;
    }

    private static async Task<List<string>> SlugsAsync(StorageUnderTest s, EditorArticleFilter filter) =>
        [.. (await s.Storage.Editing.ListForEditorsAsync(filter, 1, 20, Token)).Items.Select(a => a.Slug)];

    [Fact]
    public async Task List_ShowsEveryStatus_LastModifiedFirst()
    {
        await using var s = await OneOfEachStatusAsync();

        var list = await s.Storage.Editing.ListForEditorsAsync(new EditorArticleFilter(null, null), 1, 20, Token);

        Assert.Equal(["papierkorb", "entwurf", "geplant", "veroeffentlicht"], list.Items.Select(a => a.Slug));
        Assert.Equal(
            [ArticleStatus.Trashed, ArticleStatus.Draft, ArticleStatus.Scheduled, ArticleStatus.Published],
            list.Items.Select(a => a.Status));
        Assert.Equal(4, list.TotalCount);
    }

    [Fact]
    public async Task List_FiltersByStatus_OrLeavesOutTheTrash()
    {
        await using var s = await OneOfEachStatusAsync();

        Assert.Equal(["entwurf"], await SlugsAsync(s, new EditorArticleFilter(ArticleStatus.Draft, null)));
        Assert.Equal(["geplant"], await SlugsAsync(s, new EditorArticleFilter(ArticleStatus.Scheduled, null)));
        Assert.Equal(["papierkorb"], await SlugsAsync(s, new EditorArticleFilter(ArticleStatus.Trashed, null)));
        Assert.Equal(["veroeffentlicht"], await SlugsAsync(s, new EditorArticleFilter(ArticleStatus.Published, null)));
        Assert.Equal(["entwurf", "geplant", "veroeffentlicht"], await SlugsAsync(s, new EditorArticleFilter(null, null, ExcludeTrash: true)));
    }

    [Fact]
    public async Task List_TextMatchesTitleAuthorAndTags()
    {
        await using var s = await OneOfEachStatusAsync();

        Assert.Equal(["entwurf"], await SlugsAsync(s, new EditorArticleFilter(null, "entw")));
        Assert.Equal(["geplant"], await SlugsAsync(s, new EditorArticleFilter(null, "Weber")));
        Assert.Equal(["veroeffentlicht"], await SlugsAsync(s, new EditorArticleFilter(null, "Bahn")));
        Assert.Empty(await SlugsAsync(s, new EditorArticleFilter(null, "nirgends")));
    }

    [Fact]
    public async Task List_TextFindsWordsOfTheBody_AsTheSearchSpellsThem_InEveryStatus()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("p.md", Article("Veröffentlicht", body: "Die Stadtbahn in Köln fährt."));
        await s.ImportAsync("g.md", Article("Geplant", date: Iso(s.Now.AddDays(1)), body: "Gefangene kommen frei."));
        await s.ImportAsync("d.md", Article("Entwurf", draft: true, body: "Die Straße in Köln."));
        var trashed = await s.ImportAsync("t.md", Article("Papierkorb", body: "Ein Gefangener in Köln."));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);

        Assert.Equal(["papierkorb", "entwurf", "veroeffentlicht"], await SlugsAsync(s, new EditorArticleFilter(null, "koeln")));
        Assert.Equal(["papierkorb", "entwurf", "veroeffentlicht"], await SlugsAsync(s, new EditorArticleFilter(null, "Köln")));
        Assert.Equal(["veroeffentlicht"], await SlugsAsync(s, new EditorArticleFilter(null, "Stadtbahn")));
        Assert.Equal(["entwurf"], await SlugsAsync(s, new EditorArticleFilter(null, "strasse")));
        Assert.Equal(["papierkorb", "geplant"], await SlugsAsync(s, new EditorArticleFilter(null, "Gefangener")));
        Assert.Equal(["geplant"], await SlugsAsync(s, new EditorArticleFilter(ArticleStatus.Scheduled, "gefangene")));
        Assert.Equal(["entwurf", "veroeffentlicht"], await SlugsAsync(s, new EditorArticleFilter(null, "köln", ExcludeTrash: true)));
    }

    [Fact]
    public async Task List_PagesWithTheTotalOfTheFilter()
    {
        await using var s = await OneOfEachStatusAsync();

        var second = await s.Storage.Editing.ListForEditorsAsync(new EditorArticleFilter(null, null, ExcludeTrash: true), 2, 2, Token);

        Assert.Equal(["veroeffentlicht"], second.Items.Select(a => a.Slug));
        Assert.Equal(3, second.TotalCount);
    }

    [Fact]
    public async Task FindForEditing_GivesTheCurrentMarkdownAndRevision()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Article("Titel", draft: true));
        await s.UpdateAsync(created.ArticleId, 1, Article("Titel", body: "Zweite Fassung.", draft: true));

        var editable = await s.Storage.Editing.FindForEditingAsync(created.ArticleId, Token);

        Assert.NotNull(editable);
        Assert.Equal((2, ArticleStatus.Draft), (editable.Revision, editable.Status));
        Assert.Contains("Zweite Fassung.", editable.Markdown, StringComparison.Ordinal);
        Assert.Null(await s.Storage.Editing.FindForEditingAsync(4711, Token));
    }

    [Fact]
    public async Task History_NamesWhoWroteEachRevision_AndRevisionsKeepTheirSources()
    {
        await using var s = await CreateStorageAsync();
        var imported = await s.ImportAsync("a.md", Article("Titel"));
        s.Clock.Now = s.Now.AddMinutes(5);
        await s.UpdateAsync(imported.ArticleId, 1, Article("Titel", body: "Von Ben."), editor: "ben");

        var history = await s.Storage.Editing.ListHistoryAsync(imported.ArticleId, Token);
        var revisions = await s.Storage.Editing.ListRevisionsAsync(imported.ArticleId, Token);
        var second = await s.Storage.Editing.FindRevisionAsync(imported.ArticleId, 2, Token);

        Assert.Equal([(1, RevisionOrigin.Import, "a.md"), (2, RevisionOrigin.Editor, "ben")],
            history.Select(h => (h.Number, h.Origin, h.OriginDetail)));
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Contains("Ein Absatz.", revisions[0].Markdown, StringComparison.Ordinal);
        Assert.Contains("Von Ben.", second!.Markdown, StringComparison.Ordinal);
        Assert.Equal(s.Now, second.CreatedAt);
        Assert.Null(await s.Storage.Editing.FindRevisionAsync(imported.ArticleId, 3, Token));
    }
}
