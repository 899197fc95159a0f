using Dapper;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>
/// The journal of public changes that page caches evict from: what each write records, what it leaves out, and what
/// a cache reads to catch up, scheduled articles included.
/// </summary>
public class ContentChangeJournalTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Source(string title, string slug, string author, string tags, string date = "2025-05-01T10:00:00", string extra = "") =>
        $"---\ntitle: {title}\nslug: {slug}\nauthor: {author}\ntags: [{tags}]\ndate: {date}\n{extra}---\n\nText.\n";

    private static async Task<IReadOnlyList<ContentChange>> PendingAsync(TestDatabase db, long afterId = 0) =>
        (await db.Journal.ReadPendingChangesAsync(afterId, db.Clock.Now, db.Clock.Now, Token)).Changes;

    [Fact]
    public async Task AVisibleEdit_RecordsItsSlugsTagsAndAuthorsBeforeAndAfter()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(Source("Alt", "alt", "Anna Berger", "Köln, Bahn"), "a.md");
        var afterCreate = await db.Journal.FindLastChangeIdAsync(Token);

        await db.SaveAsync(Source("Neu", "neu", "Max Weber", "Bahn, Sport"), "a.md");

        var change = Assert.Single(await PendingAsync(db, afterCreate));
        Assert.Equal(["alt", "neu"], change.ArticleSlugs);
        Assert.Equal(["koeln", "bahn", "sport"], change.TagSlugs);
        Assert.Equal(["anna-berger", "max-weber"], change.AuthorSlugs);
    }

    [Fact]
    public async Task WritesNoReaderCanSee_RecordNothing()
    {
        await using var db = await TestDatabase.CreateAsync();

        await db.SaveAsync(Source("Entwurf", "entwurf", "Anna Berger", "Köln", extra: "draft: true\n"), "entwurf.md");
        await db.SaveAsync(Source("Entwurf 2", "entwurf", "Anna Berger", "Bahn", extra: "draft: true\n"), "entwurf.md");
        await db.SaveAsync(Source("Geplant", "geplant", "Anna Berger", "Köln", date: "2025-07-01T10:00:00"), "geplant.md");
        var dryRun = TestDatabase.Parser.Parse("probe.md", Source("Probe", "probe", "Anna Berger", "Köln"));
        await db.Articles.SaveAsync(dryRun, ArticleOrigin.ImportedFile("probe.md"), dryRun: true, Token);

        Assert.Empty(await PendingAsync(db));
        Assert.Equal(0, await db.Journal.FindLastChangeIdAsync(Token));
    }

    [Fact]
    public async Task TrashAndRestore_AreRecorded_UnpublishToo()
    {
        await using var db = await TestDatabase.CreateAsync();
        var id = (await db.SaveAsync(Source("Da", "da", "Anna Berger", "Köln"), "da.md")).ArticleId;
        var start = await db.Journal.FindLastChangeIdAsync(Token);

        await db.Articles.SetTrashedAsync(id, trashed: true, "redaktion", Token);
        await db.Articles.SetTrashedAsync(id, trashed: true, "redaktion", Token); // already there: nobody can tell
        await db.Articles.SetTrashedAsync(id, trashed: false, "redaktion", Token);
        await db.SaveAsync(Source("Da", "da", "Anna Berger", "Köln", extra: "draft: true\n"), "da.md");

        var changes = await PendingAsync(db, start);
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal(["da"], c.ArticleSlugs));
        Assert.All(changes, c => Assert.Equal(["koeln"], c.TagSlugs));
    }

    [Fact]
    public async Task AScheduledArticle_IsPendingOnceItsTimeHasCome_AndItsTimeIsKnownBefore()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(Source("Geplant", "geplant", "Anna Berger", "Köln", date: "2025-07-01T10:00:00"), "geplant.md");
        var before = db.Clock.Now;

        var early = await db.Journal.ReadPendingChangesAsync(0, before, before, Token);
        db.Clock.Now = new DateTimeOffset(2025, 7, 1, 8, 0, 1, TimeSpan.Zero); // 10:00:01 in Berlin
        var due = await db.Journal.ReadPendingChangesAsync(0, before, db.Clock.Now, Token);
        var later = await db.Journal.ReadPendingChangesAsync(0, db.Clock.Now, db.Clock.Now.AddHours(1), Token);

        Assert.Empty(early.Changes);
        Assert.Equal(new DateTimeOffset(2025, 7, 1, 8, 0, 0, TimeSpan.Zero), early.NextScheduled);
        var cameDue = Assert.Single(due.Changes);
        Assert.Equal(["geplant"], cameDue.ArticleSlugs);
        Assert.Equal(["koeln"], cameDue.TagSlugs);
        Assert.Equal(["anna-berger"], cameDue.AuthorSlugs);
        Assert.Null(due.NextScheduled);
        Assert.Empty(later.Changes); // reported once
    }

    [Fact]
    public async Task TheSignal_IsGivenAfterCommit_ForPublicChangesOnly()
    {
        var signal = new ContentChangeSignal();
        await using var db = await TestDatabase.CreateAsync(signal);
        var seenByListener = new List<long>();
        signal.Listen(async _ => seenByListener.Add(await db.Journal.FindLastChangeIdAsync(Token)));

        await db.Articles.SaveAsync(TestDatabase.Parser.Parse("a.md", Source("A", "a", "Anna Berger", "Köln")), ArticleOrigin.ImportedFile("a.md"), cancellationToken: Token);
        await db.Articles.SaveAsync(TestDatabase.Parser.Parse("b.md", Source("B", "b", "Anna Berger", "Köln", extra: "draft: true\n")), ArticleOrigin.ImportedFile("b.md"), cancellationToken: Token);

        // Told once, and what it was told about was already committed: a listener reading the journal finds it.
        Assert.Equal([1L], seenByListener);
    }

    [Fact]
    public async Task ContentVersion_MovesWithPublicChanges_NotWithDrafts()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(Source("A", "a", "Anna Berger", "Köln"), "a.md");
        var first = await db.Journal.FindContentVersionAsync(db.Clock.Now, Token);

        await db.SaveAsync(Source("Entwurf", "entwurf", "Anna Berger", "Köln", extra: "draft: true\n"), "entwurf.md");
        var afterDraft = await db.Journal.FindContentVersionAsync(db.Clock.Now, Token);
        await db.SaveAsync(Source("A, neu", "a", "Anna Berger", "Köln"), "a.md");
        var afterEdit = await db.Journal.FindContentVersionAsync(db.Clock.Now, Token);

        Assert.Equal(first.Stamp, afterDraft.Stamp);
        Assert.NotEqual(first.Stamp, afterEdit.Stamp);
    }

    [Fact]
    public async Task Pruning_DropsDayOldEntries_ButNeverTheNewest()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(Source("A", "a", "Anna Berger", "Köln"), "a.md");
        await db.SaveAsync(Source("B", "b", "Anna Berger", "Köln"), "b.md");
        var newest = await db.Journal.FindLastChangeIdAsync(Token);

        var pruned = await db.Journal.PruneChangesAsync(db.Clock.Now.AddDays(2), Token);
        await db.SaveAsync(Source("C", "c", "Anna Berger", "Köln"), "c.md");

        Assert.Equal(1, pruned);
        await using var connection = await db.Database.OpenAsync(Token);
        Assert.Equal([newest, newest + 1], await connection.QueryAsync<long>("SELECT id FROM content_changes ORDER BY id;"));
    }
}
