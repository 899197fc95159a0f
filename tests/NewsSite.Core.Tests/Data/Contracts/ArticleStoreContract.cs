using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>The article aggregate's writes: import, editor writes, slugs, feed keys, batches and the trash.</summary>
public abstract class ArticleStoreContract : StoreContract
{
    [Fact]
    public async Task Import_NewFile_CreatesArticleAtRevisionOneUnderItsDerivedSlug()
    {
        await using var s = await CreateStorageAsync();

        var result = await s.ImportAsync("a.md", Article("Neue Brücke für Köln"));

        Assert.Equal(ArticleWriteKind.Created, result.Kind);
        Assert.Equal(1, result.Revision);
        Assert.Equal("neue-bruecke-fuer-koeln", result.Slug);
        Assert.Equal(1, await s.Storage.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task Import_UnchangedFile_WritesNoRevision()
    {
        await using var s = await CreateStorageAsync();
        var first = await s.ImportAsync("a.md", Article("Eins"));

        var again = await s.ImportAsync("a.md", Article("Eins"));

        Assert.Equal(ArticleWriteKind.Unchanged, again.Kind);
        Assert.Equal((first.ArticleId, 1), (again.ArticleId, again.Revision));
        Assert.Single(await s.Storage.Editing.ListHistoryAsync(first.ArticleId, Token));
    }

    [Fact]
    public async Task Import_ChangedFile_UpdatesTheArticleItCreatedBefore()
    {
        await using var s = await CreateStorageAsync();
        var first = await s.ImportAsync("a.md", Article("Eins"));

        var changed = await s.ImportAsync("a.md", Article("Eins", body: "Neuer Text."));

        Assert.Equal(ArticleWriteKind.Updated, changed.Kind);
        Assert.Equal((first.ArticleId, 2), (changed.ArticleId, changed.Revision));
        Assert.Equal(1, await s.Storage.Articles.CountAsync(Token));
        var published = await s.Storage.Published.FindPublishedAsync("eins", s.Now, Token);
        Assert.Contains("Neuer Text.", published!.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_DerivedSlugTaken_GetsSuffix()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Wahl"));

        var second = await s.ImportAsync("b.md", Article("Wahl", body: "Anderer Text."));

        Assert.Equal("wahl-2", second.Slug);
    }

    [Fact]
    public async Task SaveBatch_RefusedArticle_IsReportedAndTheOthersAreStored()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("belegt.md", Article("Belegt", slug: "belegt"));
        var batch = new[]
        {
            (StorageUnderTest.Parse(Article("Erster")), ArticleOrigin.ImportedFile("b.md")),
            (StorageUnderTest.Parse(Article("Zweiter", slug: "belegt")), ArticleOrigin.ImportedFile("c.md")),
            (StorageUnderTest.Parse(Article("Dritter")), ArticleOrigin.ImportedFile("d.md")),
        };

        var results = await s.Storage.Articles.SaveBatchAsync(batch, cancellationToken: Token);

        Assert.Equal(["erster", null, "dritter"], results.Select(r => r.Written?.Slug));
        Assert.Equal("slug", Assert.IsType<ArticleConflictException>(results[1].Error).Field);
        Assert.Null(results[0].Error);
        Assert.Equal(3, await s.Storage.Articles.CountAsync(Token));
        Assert.NotNull(await s.Storage.Published.FindPublishedAsync("dritter", s.Now, Token));
    }

    [Fact]
    public async Task SaveBatch_DryRun_ReportsButStoresNothing()
    {
        await using var s = await CreateStorageAsync();
        var batch = new[] { (StorageUnderTest.Parse(Article("Probe")), ArticleOrigin.ImportedFile("p.md")) };

        var results = await s.Storage.Articles.SaveBatchAsync(batch, dryRun: true, cancellationToken: Token);

        Assert.Equal(ArticleWriteKind.Created, Assert.Single(results).Written!.Kind);
        Assert.Equal(0, await s.Storage.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task CreateBatch_StoresAllAndSuffixesCollidingDerivedSlugs()
    {
        await using var s = await CreateStorageAsync();
        var batch = new[]
        {
            (StorageUnderTest.Parse(Article("Gleich")), ArticleOrigin.Generated("a.md", 1)),
            (StorageUnderTest.Parse(Article("Gleich", body: "Zwei.")), ArticleOrigin.Generated("b.md", 1)),
        };

        var results = await s.Storage.Articles.CreateBatchAsync(batch, Token);

        Assert.Equal(["gleich", "gleich-2"], results.Select(r => r.Slug));
        Assert.Equal(2, await s.Storage.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task Create_ExplicitSlugOfAnotherArticle_IsRefusedOnTheSlugField()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Erste", slug: "wahl"));

        var conflict = await Assert.ThrowsAsync<ArticleConflictException>(() => s.CreateAsync(Article("Zweite", slug: "wahl")));

        Assert.Equal("slug", conflict.Field);
        Assert.Equal(1, await s.Storage.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task Create_DerivedSlugOfAnotherArticle_IsRefusedRatherThanSuffixed()
    {
        await using var s = await CreateStorageAsync();
        await s.CreateAsync(Article("Wahl"));

        var conflict = await Assert.ThrowsAsync<ArticleConflictException>(() => s.CreateAsync(Article("Wahl", body: "Nochmal.")));

        Assert.Equal("slug", conflict.Field);
    }

    [Fact]
    public async Task Create_FormerSlugOfAnotherArticle_IsRefused()
    {
        await using var s = await CreateStorageAsync();
        var first = await s.CreateAsync(Article("Alt", slug: "alt"));
        await s.UpdateAsync(first.ArticleId, 1, Article("Alt", slug: "neu"));

        var conflict = await Assert.ThrowsAsync<ArticleConflictException>(() => s.CreateAsync(Article("Anderer", slug: "alt")));

        Assert.Equal("slug", conflict.Field);
    }

    [Fact]
    public async Task Update_TitleChangeWithoutExplicitSlug_KeepsTheSlug()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Article("Erster Titel"));

        var updated = await s.UpdateAsync(created.ArticleId, 1, Article("Ganz anderer Titel"));

        Assert.Equal("erster-titel", updated.Slug);
        Assert.Equal("Ganz anderer Titel", (await s.Storage.Published.FindPublishedAsync("erster-titel", s.Now, Token))!.Title);
    }

    [Fact]
    public async Task Update_NewExplicitSlug_OldSlugRedirectsToIt()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Article("Titel", slug: "alt"));

        await s.UpdateAsync(created.ArticleId, 1, Article("Titel", slug: "neu"));

        Assert.Null(await s.Storage.Published.FindPublishedAsync("alt", s.Now, Token));
        Assert.Equal("neu", await s.Storage.Published.FindRedirectAsync("alt", s.Now, Token));
        Assert.Null(await s.Storage.Published.FindRedirectAsync("nie-gewesen", s.Now, Token));
    }

    [Fact]
    public async Task Update_FromStaleRevision_ThrowsConcurrencyNamingWhoSavedAndWritesNothing()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Article("Titel"), editor: "anna");
        await s.UpdateAsync(created.ArticleId, 1, Article("Titel von Ben"), editor: "ben");

        var stale = await Assert.ThrowsAsync<ArticleConcurrencyException>(
            () => s.UpdateAsync(created.ArticleId, 1, Article("Titel von Carl"), editor: "carl"));

        Assert.Equal((2, "ben"), (stale.CurrentRevision, stale.ChangedBy));
        var editable = await s.Storage.Editing.FindForEditingAsync(created.ArticleId, Token);
        Assert.Equal(("Titel von Ben", 2), (editable!.Title, editable.Revision));
    }

    [Fact]
    public async Task Update_UnchangedSource_WritesNoRevision()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Article("Titel"));

        var result = await s.UpdateAsync(created.ArticleId, 1, Article("Titel"));

        Assert.Equal((ArticleWriteKind.Unchanged, 1), (result.Kind, result.Revision));
        Assert.Single(await s.Storage.Editing.ListHistoryAsync(created.ArticleId, Token));
    }

    [Fact]
    public async Task Update_MissingArticle_ThrowsNotFound()
    {
        await using var s = await CreateStorageAsync();

        var missing = await Assert.ThrowsAsync<ArticleNotFoundException>(() => s.UpdateAsync(4711, 1, Article("Titel")));

        Assert.Equal(4711, missing.ArticleId);
    }

    [Fact]
    public async Task Create_WithFreeFeedKey_KeepsIt_AndATakenOneIsRefused()
    {
        await using var s = await CreateStorageAsync();
        await s.CreateAsync(Article("Exportiert", feedKey: "2024-01-02:artikel/7"));

        var conflict = await Assert.ThrowsAsync<ArticleConflictException>(
            () => s.CreateAsync(Article("Kopie", feedKey: "2024-01-02:artikel/7")));

        Assert.Equal("2024-01-02:artikel/7", (await s.Storage.Published.FindPublishedAsync("exportiert", s.Now, Token))!.FeedKey);
        Assert.Equal(FeedKey.Field, conflict.Field);
        Assert.Equal(1, await s.Storage.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task Update_ChangedFeedKey_IsRefused_AndWithoutOneTheKeyStays()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Article("Titel"));
        var key = (await s.Storage.Published.FindPublishedAsync("titel", s.Now, Token))!.FeedKey;

        var conflict = await Assert.ThrowsAsync<ArticleConflictException>(
            () => s.UpdateAsync(created.ArticleId, 1, Article("Titel", feedKey: "2020-01-01:artikel/99")));
        await s.UpdateAsync(created.ArticleId, 1, Article("Titel", body: "Neu."));

        Assert.Equal(FeedKey.Field, conflict.Field);
        Assert.True(FeedKey.IsValid(key));
        Assert.Equal(key, (await s.Storage.Published.FindPublishedAsync("titel", s.Now, Token))!.FeedKey);
    }

    [Fact]
    public async Task Trash_HidesTheArticle_AndRestoreShowsItAgain()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.CreateAsync(Article("Titel"));

        Assert.True(await s.Storage.Articles.SetTrashedAsync(created.ArticleId, true, "redaktion", Token));
        var whileTrashed = await s.Storage.Published.FindPublishedAsync("titel", s.Now, Token);
        Assert.True(await s.Storage.Articles.SetTrashedAsync(created.ArticleId, false, "redaktion", Token));

        Assert.Null(whileTrashed);
        Assert.Equal(1, await s.Storage.Articles.CountAsync(Token));
        Assert.NotNull(await s.Storage.Published.FindPublishedAsync("titel", s.Now, Token));
        Assert.False(await s.Storage.Articles.SetTrashedAsync(4711, true, "redaktion", Token));
    }

    [Fact]
    public async Task CountContents_CountsArticlesTagsAndAuthorsIncludingDrafts()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("A", tags: "Köln, Bahn", author: "Anna Berger"));
        await s.ImportAsync("b.md", Article("B", tags: "Sport", author: "Max Weber", draft: true));

        Assert.Equal((2, 3, 2), await s.Storage.Articles.CountContentsAsync(Token));
    }

    [Fact]
    public async Task FillMissingOutlines_OnArticlesWrittenNow_FindsNothingToDo()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("A", body: "## Teil\n\nText."));

        Assert.Equal(0, await s.Storage.Articles.FillMissingOutlinesAsync(Token));
    }
}
