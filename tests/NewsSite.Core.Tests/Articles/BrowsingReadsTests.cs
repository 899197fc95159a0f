using Dapper;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>The archive by Berlin month (scope, month list, neighbours) and the tag overview.</summary>
public class BrowsingReadsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ArchiveMonth Month(int year, int month) =>
        ArchiveMonth.TryCreate(year, month, out var result) ? result : throw new ArgumentOutOfRangeException(nameof(month));

    /// <summary>
    /// Articles on both sides of Berlin month boundaries, in summer time (end of March) and winter time (end of
    /// October); two of them fall in another month in UTC than in Berlin. Plus a draft, a trashed and a future one.
    /// </summary>
    private static async Task<TestDatabase> BoundariesAsync()
    {
        var db = await TestDatabase.CreateAsync();
        db.Clock.Now = new DateTimeOffset(2025, 12, 1, 12, 0, 0, TimeSpan.Zero);
        await db.SaveAsync(ArticleFile.With("Feb Ende", "2025-02-28T23:30:00+01:00", "[]"), "feb-ende.md");
        await db.SaveAsync(ArticleFile.With("Maerz Anfang", "2025-03-01T00:00:00+01:00", "[]"), "maerz-anfang.md"); // 28 Feb, 23:00 UTC
        await db.SaveAsync(ArticleFile.With("Maerz Mitte", "2025-03-15T12:00:00", "[]"), "maerz-mitte.md");
        await db.SaveAsync(ArticleFile.With("Maerz Ende", "2025-03-31T23:30:00+02:00", "[]"), "maerz-ende.md"); // 21:30 UTC
        await db.SaveAsync(ArticleFile.With("April Anfang", "2025-04-01T00:30:00+02:00", "[]"), "april-anfang.md"); // 31 Mar, 22:30 UTC
        await db.SaveAsync(ArticleFile.With("Oktober Ende", "2025-10-31T23:30:00+01:00", "[]"), "oktober-ende.md"); // 22:30 UTC
        await db.SaveAsync(ArticleFile.With("November Anfang", "2025-11-01T00:30:00+01:00", "[]"), "november-anfang.md"); // 31 Oct, 23:30 UTC
        await db.SaveAsync(ArticleFile.With("Maerz Entwurf", "2025-03-10T12:00:00", "[]", extra: "draft: true"), "entwurf.md");
        var trashed = await db.SaveAsync(ArticleFile.With("Maerz Papierkorb", "2025-03-11T12:00:00", "[]"), "papierkorb.md");
        await db.Articles.SetTrashedAsync(trashed.ArticleId, trashed: true, "redaktion", Token);
        await db.SaveAsync(ArticleFile.With("Dezember Zukunft", "2025-12-24T18:00:00", "[]"), "zukunft.md");
        return db;
    }

    [Fact]
    public void Month_RunsFromBerlinMidnightToBerlinMidnight_WhateverTheClockChange()
    {
        var march = Month(2025, 3);
        var october = Month(2025, 10);

        // Winter time at the start of March, summer time at its end: 31 days less one hour.
        Assert.Equal(new DateTimeOffset(2025, 2, 28, 23, 0, 0, TimeSpan.Zero), march.Start);
        Assert.Equal(new DateTimeOffset(2025, 3, 31, 22, 0, 0, TimeSpan.Zero), march.End);
        Assert.Equal(new DateTimeOffset(2025, 9, 30, 22, 0, 0, TimeSpan.Zero), october.Start);
        Assert.Equal(new DateTimeOffset(2025, 10, 31, 23, 0, 0, TimeSpan.Zero), october.End);
        Assert.Equal(march, ArchiveMonth.Containing(new DateTimeOffset(2025, 3, 31, 21, 59, 59, TimeSpan.Zero)));
        Assert.Equal(Month(2025, 4), ArchiveMonth.Containing(new DateTimeOffset(2025, 3, 31, 22, 0, 0, TimeSpan.Zero)));
        Assert.Equal(Month(2026, 1).Start, Month(2025, 12).End);
    }

    [Theory]
    [InlineData(1899, 12)]
    [InlineData(10000, 1)]
    [InlineData(2025, 0)]
    [InlineData(2025, 13)]
    public void Month_OutsideTheArchive_DoesNotExist(int year, int month)
    {
        Assert.False(ArchiveMonth.TryCreate(year, month, out _));
    }

    [Fact]
    public void LastMonth_EndsAtAnInstantDateTimeCanHold()
    {
        var last = Month(ArchiveMonth.MaxYear, 12);

        Assert.Equal(new DateTimeOffset(9999, 12, 31, 23, 0, 0, TimeSpan.Zero), last.End);
        Assert.Equal(last, ArchiveMonth.Containing(new DateTimeOffset(9999, 12, 31, 22, 59, 0, TimeSpan.Zero)));
        Assert.Null(ArchiveMonth.Containing(new DateTimeOffset(9999, 12, 31, 23, 30, 0, TimeSpan.Zero)));
        Assert.Null(ArchiveMonth.Containing(new DateTimeOffset(1850, 5, 1, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task MonthScope_TakesTheBerlinCalendarMonth_AcrossSummerAndWinterTime()
    {
        await using var db = await BoundariesAsync();

        async Task<IEnumerable<string>> SlugsOf(int year, int month) =>
            (await db.Listings.ListPublishedAsync(ArticleScope.ForMonth(Month(year, month)), 1, 10, db.Clock.Now, Token)).Items.Select(a => a.Slug);

        Assert.Equal(["feb-ende"], await SlugsOf(2025, 2));
        Assert.Equal(["maerz-ende", "maerz-mitte", "maerz-anfang"], await SlugsOf(2025, 3));
        Assert.Equal(["april-anfang"], await SlugsOf(2025, 4));
        Assert.Equal(["oktober-ende"], await SlugsOf(2025, 10));
        Assert.Equal(["november-anfang"], await SlugsOf(2025, 11));
        Assert.Empty(await SlugsOf(2025, 12));
    }

    [Fact]
    public async Task MonthScope_PagesLikeEveryListing()
    {
        await using var db = await BoundariesAsync();
        var march = ArticleScope.ForMonth(Month(2025, 3));

        var first = await db.Listings.ListPublishedAsync(march, 1, 2, db.Clock.Now, Token);
        var second = await db.Listings.ListPublishedAsync(march, 2, 2, db.Clock.Now, Token);

        Assert.Equal((3, 2), (first.TotalCount, first.TotalPages));
        Assert.Equal(["maerz-ende", "maerz-mitte"], first.Items.Select(a => a.Slug));
        Assert.Equal(["maerz-anfang"], second.Items.Select(a => a.Slug));
    }

    [Fact]
    public async Task MonthScope_IsARangeOnThePublishedIndex()
    {
        await using var db = await TestDatabase.CreateAsync();
        var scope = ArticleScope.ForMonth(Month(2025, 3));
        await using var connection = await db.Database.OpenAsync(Token);

        var plan = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            $"EXPLAIN QUERY PLAN {SqliteArticleListings.PageOfIdsSql(scope)};",
            SqliteArticleListings.ScopeParameters(scope, db.Clock.Now, 10).ForDapper());

        var articles = plan.Single(step => step.Detail.Contains(" a ", StringComparison.Ordinal) || step.Detail.EndsWith(" a", StringComparison.Ordinal)).Detail;
        Assert.Contains("USING COVERING INDEX ix_articles_live (published_at>? AND published_at<?)", articles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MonthList_CountsPerBerlinMonth_NewestFirst_OnlyPublished()
    {
        await using var db = await BoundariesAsync();

        var months = await db.Listings.ListArchiveMonthsAsync(db.Clock.Now, Token);

        Assert.Equal(
            ["2025-11: 1", "2025-10: 1", "2025-04: 1", "2025-03: 3", "2025-02: 1"],
            months.Select(m => $"{m.Month}: {m.Count}"));
    }

    [Fact]
    public async Task MonthList_AgreesWithTheMonthScope_ForArticlesAroundTheClock()
    {
        // Every half hour across two month ends with a clock change nearby: the list and the pages must agree.
        await using var db = await TestDatabase.CreateAsync();
        db.Clock.Now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var starts = new[] { new DateTimeOffset(2025, 3, 31, 18, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 10, 31, 18, 0, 0, TimeSpan.Zero) };
        var number = 0;
        foreach (var instant in starts.SelectMany(start => Enumerable.Range(0, 16).Select(i => start.AddMinutes(30 * i))))
        {
            number++;
            await db.SaveAsync(ArticleFile.With($"Meldung {number}", instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), "[]"), $"{number}.md");
        }

        var months = await db.Listings.ListArchiveMonthsAsync(db.Clock.Now, Token);

        Assert.Equal(32, months.Sum(m => m.Count));
        foreach (var (month, count) in months)
        {
            var listed = await db.Listings.ListPublishedAsync(ArticleScope.ForMonth(month), 1, 100, db.Clock.Now, Token);
            Assert.Equal(count, listed.TotalCount);
        }

        // 18:00–21:30 UTC on 31 March is still March in Berlin (summer time, +2), 22:00–01:30 April.
        Assert.Equal(["2025-11: 6", "2025-10: 10", "2025-04: 8", "2025-03: 8"], months.Select(m => $"{m.Month}: {m.Count}"));
    }

    [Fact]
    public async Task MonthList_LeavesOutYearsWithoutAnArchiveAddress()
    {
        await using var db = await TestDatabase.CreateAsync();
        // Front matter allows no date before 1900 any more (ArticleDates); a row stored before that rule still can be.
        await db.SaveAsync(ArticleFile.With("Historisch", "1950-05-01T10:00:00", "[]"), "alt.md");
        await db.SaveAsync(ArticleFile.With("Heute", "2025-05-01T10:00:00", "[]"), "neu.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE articles SET published_at = replace(published_at, '1950-', '1850-');");
        }

        var months = await db.Listings.ListArchiveMonthsAsync(db.Clock.Now, Token);

        Assert.Equal(["2025-05: 1"], months.Select(m => $"{m.Month}: {m.Count}"));
    }

    [Fact]
    public async Task MonthList_WalksThePublishedIndex_NotTheTable()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(Token);

        var plan = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + SqliteArticleListings.ArchiveBucketsSql, new { Now = "2025-06-01T00:00:00.0000000Z" });

        var articles = Assert.Single(plan, step => step.Detail.Contains(" a ", StringComparison.Ordinal)).Detail;
        Assert.StartsWith("SEARCH a USING ", articles, StringComparison.Ordinal);
        Assert.Contains("INDEX ix_articles_live (published_at<?)", articles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neighbours_AreTheClosestMonthsWithPublishedArticles()
    {
        await using var db = await BoundariesAsync();

        Assert.Equal(new ArchiveNeighbours(Month(2025, 2), Month(2025, 4)),
            await db.Listings.FindArchiveNeighboursAsync(Month(2025, 3), db.Clock.Now, Token));
        Assert.Equal(new ArchiveNeighbours(Month(2025, 4), Month(2025, 11)),
            await db.Listings.FindArchiveNeighboursAsync(Month(2025, 10), db.Clock.Now, Token));
        Assert.Equal(new ArchiveNeighbours(null, Month(2025, 3)),
            await db.Listings.FindArchiveNeighboursAsync(Month(2025, 2), db.Clock.Now, Token));

        // The scheduled December article is no neighbour before its time.
        Assert.Equal(new ArchiveNeighbours(Month(2025, 10), null),
            await db.Listings.FindArchiveNeighboursAsync(Month(2025, 11), db.Clock.Now, Token));
    }

    [Fact]
    public async Task TagOverview_CountsPublishedArticles_InGermanAlphabeticalOrder()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Eins", "2025-01-01", "[Zoll, Ärzte, Bahn]"), "eins.md");
        await db.SaveAsync(ArticleFile.With("Zwei", "2025-01-02", "[Apfel, ärzte]"), "zwei.md");
        await db.SaveAsync(ArticleFile.With("Drei", "2025-01-03", "[Österreich, Ost]"), "drei.md");
        await db.SaveAsync(ArticleFile.With("Entwurf", "2025-01-04", "[Entwurfsthema, Zoll]", extra: "draft: true"), "entwurf.md");
        await db.SaveAsync(ArticleFile.With("Zukunft", "2025-12-04", "[Zukunftsthema]"), "zukunft.md");
        var trashed = await db.SaveAsync(ArticleFile.With("Weg", "2025-01-05", "[Müll]"), "weg.md");
        await db.Articles.SetTrashedAsync(trashed.ArticleId, trashed: true, "redaktion", Token);

        var tags = await db.Listings.ListTagsWithArticlesAsync(db.Clock.Now, Token);

        Assert.Equal(
            ["Apfel 1", "Ärzte 2", "Bahn 1", "Ost 1", "Österreich 1", "Zoll 1"],
            tags.Select(t => $"{t.Name} {t.Count}"));
        Assert.Equal("aerzte", tags[1].Slug);
    }
}
