using NewsSite.Core.Articles;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>The journal of public changes page caches evict from, and the content version built on it.</summary>
public abstract class ContentJournalContract : StoreContract
{
    [Fact]
    public async Task PublicChange_IsJournaledAndSignalledAfterItsCommit_DraftsAreNot()
    {
        var signal = new ContentChangeSignal();
        await using var s = await CreateStorageAsync(signal);
        var seenByListener = new List<long>();
        signal.Listen(async _ => seenByListener.Add(await s.Storage.Journal.FindLastChangeIdAsync(Token)));

        await s.ImportAsync("a.md", Article("Öffentlich", tags: "Bahn"));
        await s.ImportAsync("d.md", Article("Entwurf", draft: true));

        var lastId = await s.Storage.Journal.FindLastChangeIdAsync(Token);
        // Told once, and what it was told about was already committed: the listener's read found the entry.
        Assert.Equal([lastId], seenByListener);
        var change = Assert.Single((await s.Storage.Journal.ReadPendingChangesAsync(0, s.Now, s.Now, Token)).Changes);
        Assert.Equal(["oeffentlich"], change.ArticleSlugs);
        Assert.Equal(["bahn"], change.TagSlugs);
        Assert.Equal(["anna-berger"], change.AuthorSlugs);
        Assert.Equal(lastId, change.Id);
    }

    [Fact]
    public async Task TrashingAPublishedArticle_IsJournaled()
    {
        await using var s = await CreateStorageAsync();
        var created = await s.ImportAsync("a.md", Article("Titel"));
        var afterCreate = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        await s.Storage.Articles.SetTrashedAsync(created.ArticleId, true, "redaktion", Token);

        var pending = await s.Storage.Journal.ReadPendingChangesAsync(afterCreate, s.Now, s.Now, Token);
        Assert.Equal(["titel"], Assert.Single(pending.Changes).ArticleSlugs);
        Assert.True(pending.LastId > afterCreate);
    }

    [Fact]
    public async Task PendingChanges_IncludeScheduledArticlesThatCameDue_AndSayWhenTheNextIs()
    {
        await using var s = await CreateStorageAsync();
        var due = s.Now.AddHours(1);
        var later = s.Now.AddHours(5);
        await s.ImportAsync("g.md", Article("Geplant", date: Iso(due), tags: "Bahn"));
        await s.ImportAsync("h.md", Article("Später", date: Iso(later)));
        var lastId = await s.Storage.Journal.FindLastChangeIdAsync(Token);
        var lookedAt = s.Now;

        var before = await s.Storage.Journal.ReadPendingChangesAsync(lastId, lookedAt, lookedAt, Token);
        s.Clock.Now = due.AddMinutes(1);
        var after = await s.Storage.Journal.ReadPendingChangesAsync(lastId, lookedAt, s.Now, Token);

        Assert.Equal((0, due), (before.Changes.Count, before.NextScheduled));
        var cameDue = Assert.Single(after.Changes);
        Assert.Equal((0L, "geplant", "bahn"), (cameDue.Id, cameDue.ArticleSlugs.Single(), cameDue.TagSlugs.Single()));
        Assert.Equal((lastId, later), (after.LastId, after.NextScheduled));
    }

    [Fact]
    public async Task WholeSiteChange_LiesTheGapAboveBothJournals_AndReadsAsWholeSite()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Titel"));
        var ownLast = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        var aboveOwn = await s.Storage.Journal.RecordWholeSiteChangeAsync(0, Token);
        var aboveReplaced = await s.Storage.Journal.RecordWholeSiteChangeAsync(5_000_000, Token);

        Assert.Equal(ownLast + ContentJournal.WholeSiteChangeGap, aboveOwn);
        Assert.Equal(5_000_000 + ContentJournal.WholeSiteChangeGap, aboveReplaced);
        var pending = await s.Storage.Journal.ReadPendingChangesAsync(ownLast, s.Now, s.Now, Token);
        Assert.Equal([true, true], pending.Changes.Select(c => c.WholeSite));
        Assert.Equal(aboveReplaced, pending.LastId);
        await s.ImportAsync("b.md", Article("Danach"));
        Assert.True(await s.Storage.Journal.FindLastChangeIdAsync(Token) > aboveReplaced);
    }

    [Fact]
    public async Task Prune_DropsEntriesOlderThanTheRetention_ButKeepsTheNewest()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("A"));
        await s.ImportAsync("b.md", Article("B"));
        var newest = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        var early = await s.Storage.Journal.PruneChangesAsync(s.Now, Token);
        var dropped = await s.Storage.Journal.PruneChangesAsync(s.Now + ContentJournal.Retention + TimeSpan.FromHours(1), Token);

        Assert.Equal((0, 1), (early, dropped));
        Assert.Equal(newest, await s.Storage.Journal.FindLastChangeIdAsync(Token));
        Assert.Equal([newest], (await s.Storage.Journal.ReadPendingChangesAsync(0, s.Now, s.Now, Token)).Changes.Select(c => c.Id));
    }

    [Fact]
    public async Task ContentVersion_MovesWithPublicChangesAndDuePublications_NotWithDrafts()
    {
        await using var s = await CreateStorageAsync();
        var empty = await s.Storage.Journal.FindContentVersionAsync(s.Now, Token);
        await s.ImportAsync("a.md", Article("A"));
        var first = await s.Storage.Journal.FindContentVersionAsync(s.Now, Token);
        await s.ImportAsync("d.md", Article("Entwurf", draft: true));
        var afterDraft = await s.Storage.Journal.FindContentVersionAsync(s.Now, Token);
        var due = s.Now.AddHours(1);
        await s.ImportAsync("g.md", Article("Geplant", date: Iso(due)));
        var afterScheduling = await s.Storage.Journal.FindContentVersionAsync(s.Now, Token);
        var afterDue = await s.Storage.Journal.FindContentVersionAsync(due.AddMinutes(1), Token);

        Assert.Null(empty.LastChange);
        Assert.NotEqual(empty.Stamp, first.Stamp);
        Assert.Equal(first, afterDraft);
        Assert.Equal(first, afterScheduling);
        Assert.NotEqual(first.Stamp, afterDue.Stamp);
        Assert.Equal(due, afterDue.LastChange);
    }
}
