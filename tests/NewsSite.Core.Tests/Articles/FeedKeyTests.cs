using System.Globalization;
using System.Text;
using Dapper;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Core.Import;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>
/// The stored part of a feed entry's id: what older databases get on migration, what new articles get, and how an
/// exported article's feed-id comes back, or is refused, on import, upload and edit.
/// </summary>
public class FeedKeyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string WithFeedId(string title, string feedId, string extra = "") =>
        ArticleFile.With(title, "2025-05-01", "[Köln]", extra: $"feed-id: \"{feedId}\"\n{extra}");

    /// <summary>The entry id's formula before keys were stored (FeedDocument.EntryId until 0007), kept here verbatim.</summary>
    private static string FormerKey(string createdAt, long id) => string.Create(
        CultureInfo.InvariantCulture, $"{SqliteDates.FromText(createdAt).UtcDateTime:yyyy-MM-dd}:artikel/{id}");

    private static async Task<List<(long Id, string CreatedAt, string? FeedKey)>> RowsAsync(TestDatabase db)
    {
        await using var connection = await db.Database.OpenAsync(Token);
        return (await connection.QueryAsync<(long, string, string?)>("SELECT id, created_at, feed_key FROM articles ORDER BY id;")).ToList();
    }

    private static async Task<string> KeyOfAsync(TestDatabase db, long id) =>
        (await RowsAsync(db)).Single(r => r.Id == id).FeedKey!;

    [Fact]
    public async Task Migration_GivesEveryExistingArticleTheIdItsFeedsAlreadyHad()
    {
        await using var db = await TestDatabase.CreateAsync();
        // Late evening in Berlin is the next day there, but not in UTC, which the old ids used.
        var times = new[]
        {
            new DateTimeOffset(2024, 12, 31, 23, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 3, 14, 22, 59, 59, TimeSpan.Zero),
            new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero),
        };
        for (var i = 0; i < 6; i++)
        {
            db.Clock.Now = times[i % times.Length];
            var written = await db.SaveAsync(ArticleFile.With($"Artikel {i}", "2024-12-01", "[Köln]"), $"a{i}.md");
            if (i == 2)
            {
                await db.Articles.SetTrashedAsync(written.ArticleId, trashed: true, "redaktion", Token);
            }
        }

        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion6Sql);
        }

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 6), await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token));

        var rows = await RowsAsync(db);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal(FormerKey(r.CreatedAt, r.Id), r.FeedKey));
        Assert.Equal("2024-12-31:artikel/1", rows[0].FeedKey);
        var feed = await db.Listings.ListLatestAsync(ArticleScope.Site, 10, db.Clock.Now, Token);
        Assert.Equal(
            rows.Where(r => r.Id != 3).OrderByDescending(r => r.Id).Select(r => r.FeedKey),
            feed.Select(a => a.FeedKey));
    }

    [Fact]
    public async Task ANewArticle_GetsTheFormerFormula_WithTheUtcDayOfItsCreation()
    {
        await using var db = await TestDatabase.CreateAsync();
        db.Clock.Now = new DateTimeOffset(2025, 3, 14, 23, 30, 0, TimeSpan.Zero);

        var first = await db.SaveAsync(ArticleFile.With("Erster", "2025-03-14", "[A]"), "a.md");
        var second = await db.Articles.CreateAsync(
            TestDatabase.Parser.Parse("Editor", "---\ntitle: Zweiter\n---\n\nText."),
            new ArticleOrigin(RevisionOrigin.Editor, "anna", null), Token);

        Assert.Equal("2025-03-14:artikel/1", await KeyOfAsync(db, first.ArticleId));
        Assert.Equal("2025-03-14:artikel/2", await KeyOfAsync(db, second.ArticleId));
        Assert.All(await RowsAsync(db), r => Assert.Equal(FormerKey(r.CreatedAt, r.Id), r.FeedKey));
    }

    [Fact]
    public async Task AnImportedFeedId_IsKept_AndANewArticleWhoseOwnKeyItHoldsGetsACounter()
    {
        await using var db = await TestDatabase.CreateAsync();

        // Imported first, so it is row 1 here; on its old site it was row 2, created this same day.
        var imported = await db.SaveAsync(WithFeedId("Von früher", "2025-06-01:artikel/2"), "alt.md");
        var next = await db.SaveAsync(ArticleFile.With("Neu hier", "2025-05-02", "[A]"), "neu.md");
        var third = await db.SaveAsync(ArticleFile.With("Noch einer", "2025-05-03", "[A]"), "noch.md");

        Assert.Equal((1, 2, 3), (imported.ArticleId, next.ArticleId, third.ArticleId));
        Assert.Equal("2025-06-01:artikel/2", await KeyOfAsync(db, imported.ArticleId));
        Assert.Equal("2025-06-01:artikel/2-2", await KeyOfAsync(db, next.ArticleId));
        Assert.Equal("2025-06-01:artikel/3", await KeyOfAsync(db, third.ArticleId));
        Assert.True(FeedKey.IsValid("2025-06-01:artikel/2-2"));
    }

    [Fact]
    public async Task AFeedIdTakenByAnotherArticle_IsRefused_AndNothingIsStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var owner = await db.SaveAsync(ArticleFile.With("Besitzer", "2025-05-01", "[A]"), "besitzer.md");
        var ownerKey = await KeyOfAsync(db, owner.ArticleId);

        var content = TestDatabase.Parser.Parse("kopie.md", WithFeedId("Kopie als Vorlage", ownerKey));
        var error = await Assert.ThrowsAsync<ArticleConflictException>(
            () => db.Articles.CreateAsync(content, new ArticleOrigin(RevisionOrigin.Editor, "anna", null), Token));

        Assert.Equal("feed-id", error.Field);
        Assert.Contains($"„{ownerKey}“ gehört schon einem anderen Artikel (/artikel/besitzer)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await db.Articles.CountAsync(Token));
        Assert.Equal(ownerKey, await KeyOfAsync(db, owner.ArticleId));
    }

    [Fact]
    public async Task TheKeySurvivesANewTitleAndSlug_AndCannotBeChangedByAnEdit()
    {
        await using var db = await TestDatabase.CreateAsync();
        var origin = new ArticleOrigin(RevisionOrigin.Editor, "anna", null);
        var created = await db.Articles.CreateAsync(
            TestDatabase.Parser.Parse("Editor", WithFeedId("Alter Titel", "2020-01-02:artikel/9")), origin, Token);

        // Renamed and moved, the feed-id line dropped: the stored key stays.
        var renamed = await db.Articles.UpdateAsync(created.ArticleId, created.Revision,
            TestDatabase.Parser.Parse("Editor", ArticleFile.With("Neuer Titel", "2025-05-01", "[Köln]", extra: "slug: neuer-titel")), origin, Token);
        Assert.Equal("neuer-titel", renamed.Slug);
        Assert.Equal("2020-01-02:artikel/9", await KeyOfAsync(db, created.ArticleId));
        var published = await db.Published.FindPublishedAsync("neuer-titel", db.Clock.Now, Token);
        Assert.Equal("2020-01-02:artikel/9", published!.FeedKey);

        // Naming the same key again is fine; naming another is refused and writes nothing.
        var same = await db.Articles.UpdateAsync(created.ArticleId, renamed.Revision,
            TestDatabase.Parser.Parse("Editor", WithFeedId("Neuer Titel", "2020-01-02:artikel/9", "slug: neuer-titel\nsummary: Kurz.")), origin, Token);
        Assert.Equal(ArticleWriteKind.Updated, same.Kind);
        var error = await Assert.ThrowsAsync<ArticleConflictException>(() => db.Articles.UpdateAsync(created.ArticleId, same.Revision,
            TestDatabase.Parser.Parse("Editor", WithFeedId("Neuer Titel", "2020-01-02:artikel/10", "slug: neuer-titel")), origin, Token));
        Assert.Equal("feed-id", error.Field);
        Assert.Contains("„2020-01-02:artikel/9“", error.Message, StringComparison.Ordinal);
        Assert.Equal(same.Revision, (await db.Editing.ListRevisionsAsync(created.ArticleId, Token)).Count);
        Assert.Equal("2020-01-02:artikel/9", await KeyOfAsync(db, created.ArticleId));
    }

    [Theory]
    [InlineData("2025-02-30:artikel/7")]
    [InlineData("artikel/7")]
    [InlineData("2025-03-14:artikel/07")]
    [InlineData("2025-03-14:artikel/")]
    [InlineData("2025-03-14:beitrag/7")]
    [InlineData("tag:nachrichten.example,2025-03-14:artikel/7")]
    public void AMalformedFeedId_IsRefusedWithItsLine(string feedId)
    {
        var text = "---\ntitle: T\nfeed-id: \"" + feedId + "\"\n---\n\nText.";

        var error = Assert.Throws<ArticleFormatException>(() => TestDatabase.Parser.Parse("a.md", text));
        Assert.Equal((3, "feed-id"), (error.Line, error.Field));
        Assert.Contains("keine gültige Feed-ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ReportsATakenFeedIdAsThatFilesFailure_AndTheOthersGoIn()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = TestDatabase.NewDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder, "1.md"), WithFeedId("Erster", "2025-01-01:artikel/5"), Token);
        await File.WriteAllTextAsync(Path.Combine(folder, "2.md"), WithFeedId("Zweiter mit derselben", "2025-01-01:artikel/5"), Token);
        await File.WriteAllTextAsync(Path.Combine(folder, "3.md"), WithFeedId("Dritter", "2025-01-01:artikel/6"), Token);

        var report = await new ArticleImporter(TestDatabase.Parser, TestDatabase.ProfileParser, db.Articles, db.Authors, ArticleFileLimit.Default).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal((2, 1), (report.Created, report.Failed));
        var failed = Assert.Single(report.Files, f => f.Outcome == ImportOutcome.Failed);
        Assert.Equal("2.md", failed.Path);
        Assert.Contains("„2025-01-01:artikel/5“ gehört schon einem anderen Artikel (/artikel/erster)", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(["2025-01-01:artikel/5", "2025-01-01:artikel/6"], (await RowsAsync(db)).Select(r => r.FeedKey));
    }

    [Fact]
    public async Task UploadingAnExportedFileAgain_NeverTakesTheOtherArticlesId()
    {
        await using var db = await TestDatabase.CreateAsync();
        var uploader = new ArticleUploader(TestDatabase.Parser, db.Articles, db.Clock, new UploadLimits(ArticleFileLimit.Default, 200, 32 * 1024 * 1024));
        var exported = WithFeedId("Exportiert", "2024-11-11:artikel/4");
        UploadedFile Upload(string text) => new("export.md", Encoding.UTF8.GetByteCount(text), () => new MemoryStream(Encoding.UTF8.GetBytes(text)));

        var first = Assert.Single(await uploader.UploadAsync([Upload(exported)], false, "anna", Token));
        // Under another title, so that only the feed id stands in the way.
        var again = Assert.Single(await uploader.UploadAsync([Upload(exported.Replace("Exportiert", "Umbenannt", StringComparison.Ordinal))], false, "anna", Token));

        Assert.Equal(UploadOutcome.Published, first.Outcome);
        Assert.Equal(UploadOutcome.Rejected, again.Outcome);
        Assert.Contains("Feed-ID „2024-11-11:artikel/4“ gehört schon einem anderen Artikel (/artikel/exportiert)", again.Reason, StringComparison.Ordinal);
        Assert.Equal(["2024-11-11:artikel/4"], (await RowsAsync(db)).Select(r => r.FeedKey));
    }
}
