using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>Many articles as one write (decision 0022): all or nothing, one journal entry.</summary>
public abstract class BulkWritesContract : StoreContract
{
    [Fact]
    public async Task UpdateMany_WritesEveryArticle_WithOneJournalEntry()
    {
        await using var s = await CreateStorageAsync();
        var a = await s.ImportAsync("a.md", Article("A", tags: "Eins"));
        var b = await s.ImportAsync("b.md", Article("B", tags: "Zwei"));
        var journal = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        var written = await s.Storage.Articles.UpdateManyAsync(
        [
            new ArticleUpdate(a.ArticleId, a.Revision, StorageUnderTest.Parse(Article("A", tags: "Eins, Drei"))),
            new ArticleUpdate(b.ArticleId, b.Revision, StorageUnderTest.Parse(Article("B", tags: "Zwei, Drei"))),
        ], StorageUnderTest.Editor("anna"), Token);

        Assert.Equal([ArticleWriteKind.Updated, ArticleWriteKind.Updated], written.Select(w => w.Kind));
        Assert.Equal(journal + 1, await s.Storage.Journal.FindLastChangeIdAsync(Token));
        Assert.Equal(2, (await s.Storage.Editing.ListHistoryAsync(a.ArticleId, Token)).Count);
    }

    [Fact]
    public async Task UpdateMany_WithOneArticleSavedMeanwhile_WritesNothing()
    {
        await using var s = await CreateStorageAsync();
        var a = await s.ImportAsync("a.md", Article("A"));
        var b = await s.ImportAsync("b.md", Article("B"));
        await s.UpdateAsync(b.ArticleId, b.Revision, Article("B", body: "Von Bernd geändert."), "bernd");
        var journal = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        await Assert.ThrowsAsync<ArticleConcurrencyException>(() => s.Storage.Articles.UpdateManyAsync(
        [
            new ArticleUpdate(a.ArticleId, a.Revision, StorageUnderTest.Parse(Article("A neu"))),
            new ArticleUpdate(b.ArticleId, b.Revision, StorageUnderTest.Parse(Article("B neu"))),
        ], StorageUnderTest.Editor("anna"), Token));

        Assert.Equal("A", (await s.Storage.Editing.FindForEditingAsync(a.ArticleId, Token))!.Title);
        Assert.Single(await s.Storage.Editing.ListHistoryAsync(a.ArticleId, Token));
        Assert.Equal(journal, await s.Storage.Journal.FindLastChangeIdAsync(Token));
    }

    [Fact]
    public async Task SetTrashedMany_WithAMissingArticle_TrashesNothing_AndOtherwiseSkipsTheTrashed()
    {
        await using var s = await CreateStorageAsync();
        var a = await s.ImportAsync("a.md", Article("A"));
        var b = await s.ImportAsync("b.md", Article("B"));

        await Assert.ThrowsAsync<ArticleNotFoundException>(() => s.Storage.Articles.SetTrashedManyAsync([a.ArticleId, 9999], true, "anna", Token));
        Assert.Equal(ArticleStatus.Published, (await s.Storage.Editing.FindForEditingAsync(a.ArticleId, Token))!.Status);

        await s.Storage.Articles.SetTrashedAsync(b.ArticleId, true, "anna", Token);
        var journal = await s.Storage.Journal.FindLastChangeIdAsync(Token);
        Assert.Equal(1, await s.Storage.Articles.SetTrashedManyAsync([a.ArticleId, b.ArticleId], true, "anna", Token));
        Assert.Equal(journal + 1, await s.Storage.Journal.FindLastChangeIdAsync(Token));
        Assert.Equal(ArticleStatus.Trashed, (await s.Storage.Editing.FindForEditingAsync(a.ArticleId, Token))!.Status);
    }
}
