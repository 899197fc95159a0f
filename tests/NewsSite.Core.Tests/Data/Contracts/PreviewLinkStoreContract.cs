using NewsSite.Core.Articles;
using NewsSite.Core.Audit;
using NewsSite.Core.Previews;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>
/// Preview links (decision 0020): only for articles readers do not see yet, found by the token's hash alone, with the
/// article as its page would show it; revoking ends one link of its own article; both acts are in the audit log; and
/// nothing of it is public (no journal entry, no signal).
/// </summary>
public abstract class PreviewLinkStoreContract : StoreContract
{
    [Fact]
    public async Task ALinkForADraft_IsFoundByItsHash_WithTheArticleAsReadersWouldSeeIt()
    {
        await using var s = await CreateStorageAsync();
        var draft = await s.CreateAsync(Article("Geheimer Entwurf", tags: "Köln, Verkehr", body: "Noch **nicht** öffentlich.", draft: true));
        var token = PreviewToken.New();

        var link = await s.Storage.PreviewLinks.CreateAsync(draft.ArticleId, PreviewToken.Hash(token), s.Now.AddDays(7), "erika", "10.0.0.1", Token);

        Assert.NotNull(link);
        Assert.Equal((draft.ArticleId, "erika", s.Now, s.Now.AddDays(7)), (link.ArticleId, link.CreatedBy, link.CreatedAt, link.ExpiresAt));
        Assert.Equal(PreviewLinkState.Active, link.StateAt(s.Now));
        var found = await s.Storage.PreviewLinks.FindAsync(PreviewToken.Hash(token), s.Now, Token);
        Assert.NotNull(found);
        Assert.Equal(PreviewArticleState.Unpublished, found.ArticleState);
        Assert.Equal(link, found.Link);
        Assert.Equal("Geheimer Entwurf", found.Article.Title);
        Assert.Contains("<strong>nicht</strong>", found.Article.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(["Köln", "Verkehr"], found.Article.Tags.Select(t => t.Name));
        Assert.Null(await s.Storage.PreviewLinks.FindAsync(PreviewToken.Hash(PreviewToken.New()), s.Now, Token));
        Assert.Null(await s.Storage.PreviewLinks.FindAsync(token, s.Now, Token));
    }

    [Fact]
    public async Task Links_AreOnlyMadeForArticlesReadersDoNotSee_AndFollowTheArticleAfterwards()
    {
        await using var s = await CreateStorageAsync();
        var published = await s.CreateAsync(Article("Schon öffentlich"));
        var scheduled = await s.CreateAsync(Article("Geplant", date: Iso(s.Now.AddDays(2))));
        var trashed = await s.CreateAsync(Article("Weg", draft: true));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "erika", Token);
        var links = s.Storage.PreviewLinks;

        Assert.Null(await links.CreateAsync(published.ArticleId, PreviewToken.Hash(PreviewToken.New()), s.Now.AddDays(1), "erika", null, Token));
        Assert.Null(await links.CreateAsync(trashed.ArticleId, PreviewToken.Hash(PreviewToken.New()), s.Now.AddDays(1), "erika", null, Token));
        Assert.Null(await links.CreateAsync(4711, PreviewToken.Hash(PreviewToken.New()), s.Now.AddDays(1), "erika", null, Token));
        var token = PreviewToken.New();
        Assert.NotNull(await links.CreateAsync(scheduled.ArticleId, PreviewToken.Hash(token), s.Now.AddDays(7), "erika", null, Token));

        var before = await links.FindAsync(PreviewToken.Hash(token), s.Now, Token);
        Assert.Equal((PreviewArticleState.Unpublished, s.Now.AddDays(2)), (before!.ArticleState, before.Article.PublishedAt));

        // Its time comes: readers see it now, and so does the link's answer.
        var due = await links.FindAsync(PreviewToken.Hash(token), s.Now.AddDays(3), Token);
        Assert.Equal((PreviewArticleState.Published, "geplant"), (due!.ArticleState, due.Article.Slug));
        Assert.Equal(PreviewLinkState.Active, due.Link.StateAt(s.Now.AddDays(3)));
        Assert.Equal(PreviewLinkState.Expired, due.Link.StateAt(s.Now.AddDays(7)));

        await s.Storage.Articles.SetTrashedAsync(scheduled.ArticleId, true, "erika", Token);
        Assert.Equal(PreviewArticleState.Trashed, (await links.FindAsync(PreviewToken.Hash(token), s.Now, Token))!.ArticleState);
    }

    [Fact]
    public async Task ADraftWithoutADate_ShowsTheMomentOfAsking()
    {
        await using var s = await CreateStorageAsync();
        var draft = await s.Storage.Articles.CreateAsync(
            StorageUnderTest.Parse("---\ntitle: Ohne Datum\ndraft: true\n---\n\nText.\n"), StorageUnderTest.Editor("anna"), Token);
        var token = PreviewToken.New();
        await s.Storage.PreviewLinks.CreateAsync(draft.ArticleId, PreviewToken.Hash(token), s.Now.AddDays(1), "anna", null, Token);

        var found = await s.Storage.PreviewLinks.FindAsync(PreviewToken.Hash(token), s.Now.AddHours(3), Token);

        Assert.Equal(s.Now.AddHours(3), found!.Article.PublishedAt);
    }

    [Fact]
    public async Task Revoke_EndsOneLinkOfItsArticle_Once_AndBothActsAreInTheAuditLog()
    {
        await using var s = await CreateStorageAsync();
        var draft = await s.CreateAsync(Article("Entwurf", draft: true));
        var other = await s.CreateAsync(Article("Anderer", draft: true));
        var links = s.Storage.PreviewLinks;
        var first = (await links.CreateAsync(draft.ArticleId, PreviewToken.Hash(PreviewToken.New()), s.Now.AddDays(1), "erika", null, Token))!;
        s.Clock.Now = s.Now.AddMinutes(5);
        var second = (await links.CreateAsync(draft.ArticleId, PreviewToken.Hash(PreviewToken.New()), s.Now.AddDays(30), "ben", "10.0.0.2", Token))!;

        Assert.False(await links.RevokeAsync(other.ArticleId, first.Id, "erika", null, Token));
        Assert.True(await links.RevokeAsync(draft.ArticleId, first.Id, "erika", "10.0.0.1", Token));
        Assert.False(await links.RevokeAsync(draft.ArticleId, first.Id, "erika", null, Token));

        var listed = await links.ListAsync(draft.ArticleId, Token);
        Assert.Equal([second.Id, first.Id], listed.Select(l => l.Id));
        Assert.Equal((PreviewLinkState.Revoked, "erika", s.Now), (listed[1].StateAt(s.Now), listed[1].RevokedBy, listed[1].RevokedAt!.Value));
        Assert.Equal(PreviewLinkState.Active, listed[0].StateAt(s.Now));
        Assert.Empty(await links.ListAsync(other.ArticleId, Token));
        var audit = await s.Storage.AuditLog.ListForArticleAsync(draft.ArticleId, Token);
        Assert.Equal(
            [(AuditAction.PreviewLinkCreated, "erika"), (AuditAction.PreviewLinkCreated, "ben"), (AuditAction.PreviewLinkRevoked, "erika")],
            audit.Select(e => (e.Action, e.Account)));
        Assert.All(audit, e => Assert.Equal("Entwurf", e.Subject));
        Assert.Equal("10.0.0.2", audit[1].Address);
        Assert.StartsWith($"Link {second.Id}, gültig bis ", audit[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_ChangeNothingPublic_NoJournalEntryAndNoSignal()
    {
        var signalled = 0;
        var signal = new ContentChangeSignal();
        signal.Listen(_ =>
        {
            Interlocked.Increment(ref signalled);
            return Task.CompletedTask;
        });
        await using var s = await CreateStorageAsync(signal);
        var draft = await s.CreateAsync(Article("Entwurf", draft: true));
        signalled = 0;
        var lastChange = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        var link = await s.Storage.PreviewLinks.CreateAsync(draft.ArticleId, PreviewToken.Hash(PreviewToken.New()), s.Now.AddDays(1), "erika", null, Token);
        await s.Storage.PreviewLinks.RevokeAsync(draft.ArticleId, link!.Id, "erika", null, Token);

        Assert.Equal(0, signalled);
        Assert.Equal(lastChange, await s.Storage.Journal.FindLastChangeIdAsync(Token));
    }

    [Fact]
    public void Tokens_Are256RandomBits_UrlSafe_AndOnlyThoseAreWellFormed()
    {
        var tokens = Enumerable.Range(0, 50).Select(_ => PreviewToken.New()).ToList();

        Assert.Equal(50, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tokens, t => Assert.True(PreviewToken.IsWellFormed(t), t));
        Assert.All(tokens, t => Assert.Equal(PreviewToken.Length, t.Length));
        Assert.False(PreviewToken.IsWellFormed(null));
        Assert.False(PreviewToken.IsWellFormed(tokens[0] + "A"));
        Assert.False(PreviewToken.IsWellFormed(tokens[0][..^1] + "/"));
        Assert.False(PreviewToken.IsWellFormed(tokens[0][..^1] + "ä"));
        Assert.Equal(64, PreviewToken.Hash(tokens[0]).Length);
        Assert.NotEqual(tokens[0], PreviewToken.Hash(tokens[0]));
    }
}
