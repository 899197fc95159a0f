using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>The repository's editor side: create, update against a revision, trash, redirects, the admin list.</summary>
public class EditorWritesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly ArticleOrigin Anna = new(RevisionOrigin.Editor, "anna", null);
    private static readonly ArticleOrigin Bernd = new(RevisionOrigin.Editor, "bernd", null);

    private static ArticleContent Content(string title, string extra = "", string body = "Text.") =>
        TestDatabase.Parser.Parse("Editor", ArticleFile.With(title, "2025-05-01", "[Köln]", body, extra));

    [Fact]
    public async Task Create_RefusesATakenAddress_InsteadOfSuffixingIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Articles.CreateAsync(Content("Gleich"), Anna, Token);

        var error = await Assert.ThrowsAsync<ArticleConflictException>(() => db.Articles.CreateAsync(Content("Gleich"), Anna, Token));

        Assert.Equal("slug", error.Field);
        Assert.Equal(1, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task Update_AgainstAnOutdatedRevision_WritesNothingAndSaysWhoChangedIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var created = await db.Articles.CreateAsync(Content("Streit"), Anna, Token);
        await db.Articles.UpdateAsync(created.ArticleId, 1, Content("Streit", body: "Annas Text."), Anna, Token);

        var error = await Assert.ThrowsAsync<ArticleConcurrencyException>(() =>
            db.Articles.UpdateAsync(created.ArticleId, 1, Content("Streit", body: "Bernds Text."), Bernd, Token));

        Assert.Equal(2, error.CurrentRevision);
        Assert.Equal("anna", error.ChangedBy);
        var article = await db.Published.FindPublishedAsync("streit", db.Clock.Now, Token);
        Assert.Contains("Annas Text.", article!.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(2, (await db.Editing.ListRevisionsAsync(created.ArticleId, Token)).Count);
    }

    [Fact]
    public async Task Update_WithTheSameSource_WritesNoRevision()
    {
        await using var db = await TestDatabase.CreateAsync();
        var created = await db.Articles.CreateAsync(Content("Gleich bleibend"), Anna, Token);

        var again = await db.Articles.UpdateAsync(created.ArticleId, 1, Content("Gleich bleibend"), Bernd, Token);

        Assert.Equal(ArticleWriteKind.Unchanged, again.Kind);
        Assert.Single(await db.Editing.ListRevisionsAsync(created.ArticleId, Token));
    }

    [Fact]
    public async Task Update_OfAMissingArticle_Throws()
    {
        await using var db = await TestDatabase.CreateAsync();
        await Assert.ThrowsAsync<ArticleNotFoundException>(() => db.Articles.UpdateAsync(42, 1, Content("Weg"), Anna, Token));
    }

    [Fact]
    public async Task SlugChanges_LeaveRedirectsThatStayReserved_AndCanBeTakenBack()
    {
        await using var db = await TestDatabase.CreateAsync();
        var created = await db.Articles.CreateAsync(Content("Erste Adresse"), Anna, Token);
        await db.Articles.UpdateAsync(created.ArticleId, 1, Content("Erste Adresse", "slug: zweite-adresse"), Anna, Token);
        await db.Articles.UpdateAsync(created.ArticleId, 2, Content("Erste Adresse", "slug: dritte-adresse"), Anna, Token);

        Assert.Equal("dritte-adresse", await db.Published.FindRedirectAsync("erste-adresse", db.Clock.Now, Token));
        Assert.Equal("dritte-adresse", await db.Published.FindRedirectAsync("zweite-adresse", db.Clock.Now, Token));
        await Assert.ThrowsAsync<ArticleConflictException>(() => db.Articles.CreateAsync(Content("Anders", "slug: erste-adresse"), Bernd, Token));

        // Derived slugs step around reserved ones for imports; editors are told.
        var imported = await db.SaveAsync(ArticleFile.With("Zweite Adresse", "2025-05-01", "[]"), "import.md");
        Assert.Equal("zweite-adresse-2", imported.Slug);

        await db.Articles.UpdateAsync(created.ArticleId, 3, Content("Erste Adresse", "slug: erste-adresse"), Anna, Token);
        Assert.NotNull(await db.Published.FindPublishedAsync("erste-adresse", db.Clock.Now, Token));
        Assert.Null(await db.Published.FindRedirectAsync("erste-adresse", db.Clock.Now, Token));
        Assert.Equal("erste-adresse", await db.Published.FindRedirectAsync("dritte-adresse", db.Clock.Now, Token));
    }

    [Fact]
    public async Task RedirectsOfHiddenArticles_LeadNowhere()
    {
        await using var db = await TestDatabase.CreateAsync();
        var created = await db.Articles.CreateAsync(Content("Versteckt"), Anna, Token);
        await db.Articles.UpdateAsync(created.ArticleId, 1, Content("Versteckt", "slug: neu-versteckt"), Anna, Token);

        await db.Articles.SetTrashedAsync(created.ArticleId, true, "redaktion", Token);

        Assert.Null(await db.Published.FindRedirectAsync("versteckt", db.Clock.Now, Token));
    }

    [Fact]
    public async Task Trash_HidesFromEveryPublicRead_AndRestoreShowsAgain()
    {
        await using var db = await TestDatabase.CreateAsync();
        var kept = await db.Articles.CreateAsync(Content("Bleibt"), Anna, Token);
        var thrown = await db.Articles.CreateAsync(Content("Fliegt"), Anna, Token);

        Assert.True(await db.Articles.SetTrashedAsync(thrown.ArticleId, true, "redaktion", Token));

        Assert.Null(await db.Published.FindPublishedAsync("fliegt", db.Clock.Now, Token));
        Assert.Equal(["bleibt"], (await db.Listings.ListPublishedAsync(ArticleScope.Site, 1, 10, db.Clock.Now, Token)).Items.Select(a => a.Slug));
        Assert.Equal(["bleibt"], (await db.Listings.ListPublishedAsync(ArticleScope.ForTag("koeln"), 1, 10, db.Clock.Now, Token)).Items.Select(a => a.Slug));
        Assert.Empty(await db.Published.FindRelatedAsync(kept.ArticleId, db.Clock.Now, cancellationToken: Token));
        Assert.Equal(ArticleStatus.Trashed, (await db.Editing.FindForEditingAsync(thrown.ArticleId, Token))!.Status);

        Assert.True(await db.Articles.SetTrashedAsync(thrown.ArticleId, false, "redaktion", Token));
        Assert.NotNull(await db.Published.FindPublishedAsync("fliegt", db.Clock.Now, Token));
        Assert.False(await db.Articles.SetTrashedAsync(999, true, "redaktion", Token));
    }

    [Fact]
    public async Task EditorList_ShowsEveryStatus_FiltersAndPages()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Articles.CreateAsync(Content("Öffentlich"), Anna, Token);
        await db.Articles.CreateAsync(Content("Entwurf", "draft: true"), Anna, Token);
        await db.Articles.CreateAsync(TestDatabase.Parser.Parse("E", ArticleFile.With("Zukunft", "2030-01-01", "[Bahn]")), Anna, Token);
        var trashed = await db.Articles.CreateAsync(Content("Papierkorb"), Anna, Token);
        await db.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);

        async Task<List<(string Title, ArticleStatus Status)>> List(EditorArticleFilter filter, int page = 1, int size = 10) =>
            (await db.Editing.ListForEditorsAsync(filter, page, size, Token)).Items.Select(a => (a.Title, a.Status)).ToList();

        var all = await List(new EditorArticleFilter(null, null));
        Assert.Equal(4, all.Count);
        Assert.Contains(("Zukunft", ArticleStatus.Scheduled), all);
        Assert.Contains(("Entwurf", ArticleStatus.Draft), all);
        Assert.Contains(("Öffentlich", ArticleStatus.Published), all);
        Assert.Contains(("Papierkorb", ArticleStatus.Trashed), all);
        Assert.Equal(3, (await List(new EditorArticleFilter(null, null, ExcludeTrash: true))).Count);
        Assert.Equal([("Zukunft", ArticleStatus.Scheduled)], await List(new EditorArticleFilter(ArticleStatus.Scheduled, null)));
        Assert.Equal([("Zukunft", ArticleStatus.Scheduled)], await List(new EditorArticleFilter(null, "bahn")));
        Assert.Equal(["Papierkorb", "Zukunft"], (await List(new EditorArticleFilter(null, null), 1, 2)).Select(a => a.Title));
        var tags = (await db.Editing.ListForEditorsAsync(new EditorArticleFilter(null, "Zukunft"), 1, 10, Token)).Items.Single().Tags;
        Assert.Equal(["Bahn"], tags);
    }

    [Fact]
    public async Task FindForEditing_GivesTheCurrentRevisionsSource()
    {
        await using var db = await TestDatabase.CreateAsync();
        var created = await db.Articles.CreateAsync(Content("Quelle"), Anna, Token);
        var changed = Content("Quelle", body: "Neuer Text.");
        await db.Articles.UpdateAsync(created.ArticleId, 1, changed, Anna, Token);

        var editable = await db.Editing.FindForEditingAsync(created.ArticleId, Token);

        Assert.Equal(2, editable!.Revision);
        Assert.Equal(changed.Markdown, editable.Markdown);
        Assert.Equal(changed.Markdown, (await db.Editing.FindRevisionAsync(created.ArticleId, 2, Token))!.Markdown);
        Assert.Null(await db.Editing.FindRevisionAsync(created.ArticleId, 3, Token));
        var history = await db.Editing.ListHistoryAsync(created.ArticleId, Token);
        Assert.Equal([1, 2], history.Select(r => r.Number));
        Assert.All(history, r => Assert.Equal(("anna", RevisionOrigin.Editor), (r.OriginDetail, r.Origin)));
    }

    [Fact]
    public async Task AFailedWrite_LeavesNothingHalfWay()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Articles.CreateAsync(Content("Vorhanden", "slug: vorhanden"), Anna, Token);

        await Assert.ThrowsAsync<ArticleConflictException>(() =>
            db.Articles.CreateAsync(TestDatabase.Parser.Parse("E", ArticleFile.With("Neu", "2025-05-01", "[Einzigartig, Neuer Autor]", extra: "slug: vorhanden")), Anna, Token));

        await using var connection = await db.Database.OpenAsync(Token);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM tags WHERE name_key = 'einzigartig';"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM revisions;"));
    }
}
