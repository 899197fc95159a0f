using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Tags;

/// <summary>The database after renames, merges and aliases passes the audit that trusts no writer: counters, revisions, search rows.</summary>
public class TagUpkeepAuditTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterRenamesMergesAndAliases_CountersRevisionsAndSearchRowsAgree()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Eins", "2025-05-01", "[Koeln, Köln, Verkehr]"), "a.md");
        await db.SaveAsync(ArticleFile.With("Zwei", "2025-05-02", "[Koeln]", extra: "draft: true"), "b.md");
        await db.SaveAsync(ArticleFile.With("Drei", "2025-05-03", "[Verkehr, Bahn]"), "c.md");
        await db.Articles.SetTrashedAsync(3, trashed: true, "anna", Token);
        var tags = db.Storage.Tags;
        async Task<long> IdOf(string name) => (await tags.ListAsync(db.Clock.Now, Token)).Single(t => t.Name == name).Id;

        await tags.MergeAsync(await IdOf("Koeln"), await IdOf("Köln"), "erika", Token);
        await tags.RenameAsync(await IdOf("Verkehr"), "Mobilität", "erika", Token);
        await tags.AddAliasAsync(await IdOf("Bahn"), "Eisenbahn", Token);
        await db.SaveAsync(ArticleFile.With("Vier", "2025-05-04", "[eisenbahn, koeln, verkehr]"), "d.md");
        await tags.RemoveAliasAsync(await IdOf("Bahn"), "Eisenbahn", "erika", Token);
        await tags.MergeAsync(await IdOf("Mobilität"), await IdOf("Bahn"), "erika", Token);

        await using var connection = await db.Database.OpenAsync(Token);
        Assert.Empty(await DatabaseAudit.CounterDisagreementsAsync(connection));
        Assert.Empty(await DatabaseAudit.IncompleteArticlesAsync(connection));
        Assert.Equal(["Bahn", "Köln"], (await db.Published.FindPublishedAsync("vier", db.Clock.Now, Token))!.Tags.Select(t => t.Name).Order());
    }
}
