using Dapper;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>
/// What keeps the listings cheap at 100,000 articles: the counters and copied dates kept by triggers (0006_scale.sql)
/// stay equal to a recount through every kind of write, and each listing's statement is planned on an index.
/// </summary>
public class ScaleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly string[] TagPool = ["Köln", "Bahn", "Sport", "Kultur", "Wetter", "Politik"];
    private static readonly string[] AuthorPool = ["Anna Berger", "Max Weber", "Lena Schmidt"];

    private static string RandomArticle(Random random, int number)
    {
        var tags = TagPool.OrderBy(_ => random.Next()).Take(random.Next(0, 4));
        var date = random.Next(5) == 0 ? "2025-07-01T10:00:00" : $"2025-05-{random.Next(1, 29):00}T10:00:00"; // some scheduled
        var draft = random.Next(6) == 0 ? "draft: true\n" : "";
        // Every third article with co-authors (authors:), whose counters and listings must agree as well.
        var byline = random.Next(3) == 0
            ? $"authors: [{string.Join(", ", AuthorPool.OrderBy(_ => random.Next()).Take(random.Next(2, 4)))}]"
            : $"author: {AuthorPool[random.Next(AuthorPool.Length)]}";
        return $"---\ntitle: Artikel {number}\n{byline}\ndate: {date}\n" +
               $"tags: [{string.Join(", ", tags)}]\n{draft}---\n\nText {random.Next()}.\n";
    }

    private static async Task<List<string>> DisagreementsAsync(TestDatabase db)
    {
        await using var connection = await db.Database.OpenAsync(Token);
        return await DatabaseAudit.CounterDisagreementsAsync(connection);
    }

    private static async Task<List<string>> WrongTotalsAsync(TestDatabase db)
    {
        await using var connection = await db.Database.OpenAsync(Token);
        var wrong = new List<string>();
        var scopes = new List<ArticleScope> { ArticleScope.Site };
        scopes.AddRange((await connection.QueryAsync<string>("SELECT slug FROM tags;")).Select(ArticleScope.ForTag));
        scopes.AddRange((await connection.QueryAsync<string>("SELECT slug FROM authors;")).Select(ArticleScope.ForAuthor));
        foreach (var scope in scopes)
        {
            var listed = await db.Listings.ListPublishedAsync(scope, 1, 100, db.Clock.Now, Token);
            if (listed.TotalCount != listed.Items.Count)
            {
                wrong.Add($"{scope.Kind} {scope.Slug}: {listed.TotalCount} gezählt, {listed.Items.Count} gelistet");
            }
        }

        return wrong;
    }

    [Fact]
    public async Task CountersAndCopiedDates_EqualARecount_AfterEveryKindOfWrite()
    {
        await using var db = await TestDatabase.CreateAsync();
        var random = new Random(20251128);
        var written = new List<(long Id, string SourceKey)>();

        for (var step = 0; step < 120; step++)
        {
            var action = step < 20 ? 0 : random.Next(4);
            if (action == 0 || written.Count == 0)
            {
                written.Add(((await db.SaveAsync(RandomArticle(random, step), $"a{step}.md")).ArticleId, $"a{step}.md"));
            }
            else if (action == 1)
            {
                // The same file again, with other tags, author, date or draft state: an update.
                await db.SaveAsync(RandomArticle(random, step), written[random.Next(written.Count)].SourceKey);
            }
            else
            {
                await db.Articles.SetTrashedAsync(written[random.Next(written.Count)].Id, trashed: action == 2, "redaktion", Token);
            }

            if (step % 10 == 9)
            {
                Assert.Empty(await DisagreementsAsync(db));
            }
        }

        Assert.Empty(await WrongTotalsAsync(db));
        db.Clock.Now = new DateTimeOffset(2025, 7, 2, 0, 0, 0, TimeSpan.Zero); // the scheduled ones are due now
        Assert.Empty(await WrongTotalsAsync(db));
    }

    [Fact]
    public async Task Migration_FillsCountersAndCopiedDatesOfAnExistingDatabase()
    {
        await using var db = await TestDatabase.CreateAsync();
        var random = new Random(7);
        for (var i = 0; i < 25; i++)
        {
            var written = await db.SaveAsync(RandomArticle(random, i), $"a{i}.md");
            if (i % 7 == 0)
            {
                await db.Articles.SetTrashedAsync(written.ArticleId, trashed: true, "redaktion", Token);
            }
        }

        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion3Sql);
        }

        await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token);

        Assert.Empty(await DisagreementsAsync(db));
        Assert.Empty(await WrongTotalsAsync(db));
    }

    public static TheoryData<string> Scopes => ["site", "tag", "author", "month"];

    private static ArticleScope ScopeNamed(string name) => name switch
    {
        "site" => ArticleScope.Site,
        "tag" => ArticleScope.ForTag("koeln"),
        "author" => ArticleScope.ForAuthor("anna-berger"),
        _ => ArticleScope.ForMonth(ArchiveMonth.TryCreate(2025, 5, out var may) ? may : throw new InvalidOperationException()),
    };

    private static async Task<string> PlanAsync(TestDatabase db, string sql, object parameters)
    {
        await using var connection = await db.Database.OpenAsync(Token);
        var plan = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters);
        return string.Join("\n", plan.Select(step => step.Detail));
    }

    [Theory]
    [InlineData("site", true)]
    [InlineData("tag", true)]
    [InlineData("author", true)]
    [InlineData("month", true)]
    [InlineData("site", false)]
    [InlineData("tag", false)]
    [InlineData("author", false)]
    [InlineData("month", false)]
    public async Task APageOfAListing_IsReadFromACoveringIndexInOrder_FromEitherEnd(string scopeName, bool newestFirst)
    {
        await using var db = await TestDatabase.CreateAsync();
        var scope = ScopeNamed(scopeName);

        var plan = await PlanAsync(
            db, SqliteArticleListings.PageOfIdsSql(scope, newestFirst), SqliteArticleListings.ScopeParameters(scope, db.Clock.Now, 10, 5000).ForDapper());

        Assert.Contains("USING COVERING INDEX", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN", plan, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task EveryPage_FromTheNewestOrTheOldestEnd_IsTheSliceOfTheWholeListing(string scopeName)
    {
        await using var db = await TestDatabase.CreateAsync();
        for (var i = 0; i < 23; i++)
        {
            // Two articles per day, so that equal dates are ordered by id; one scheduled and one draft to skip.
            var date = $"2025-05-{1 + (i / 2):00}T10:00:00";
            await db.SaveAsync(
                $"---\ntitle: Artikel {i}\nslug: artikel-{i}\n{(i % 3 == 0 ? "authors: [Max Weber, Anna Berger]" : "author: Anna Berger")}\ntags: [Köln]\ndate: {date}\n---\n\nText.\n", $"a{i}.md");
        }

        await db.SaveAsync("---\ntitle: Später\nauthors: [Max Weber, Anna Berger]\ntags: [Köln]\ndate: 2025-07-01T10:00:00\n---\n\nText.\n", "spaeter.md");
        await db.SaveAsync("---\ntitle: Entwurf\nauthor: Anna Berger\ntags: [Köln]\ndraft: true\n---\n\nText.\n", "entwurf.md");
        var scope = ScopeNamed(scopeName);
        var all = (await db.Listings.ListPublishedAsync(scope, 1, 100, db.Clock.Now, Token)).Items.Select(a => a.Slug).ToList();

        var pages = new List<List<string>>();
        for (var page = 1; page <= 5; page++)
        {
            var listed = await db.Listings.ListPublishedAsync(scope, page, 5, db.Clock.Now, Token);
            Assert.Equal(23, listed.TotalCount);
            pages.Add(listed.Items.Select(a => a.Slug).ToList());
        }

        Assert.Equal(23, all.Count);
        Assert.Equal("artikel-22", all[0]); // newest first, the later id first on an equal date
        Assert.Equal(all, pages.SelectMany(p => p));
        Assert.Equal([5, 5, 5, 5, 3], pages.Select(p => p.Count));
        Assert.Empty((await db.Listings.ListPublishedAsync(scope, 6, 5, db.Clock.Now, Token)).Items);
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task AListingsTotal_ReadsCountersAndTheScheduledEnd_NeverScansArticles(string scopeName)
    {
        await using var db = await TestDatabase.CreateAsync();
        var scope = ScopeNamed(scopeName);

        var plan = await PlanAsync(db, SqliteArticleListings.VisibleCountSql(scope), SqliteArticleListings.ScopeParameters(scope, db.Clock.Now, 10).ForDapper());

        // A scan of the one-row article_totals is fine; of articles or their tags it would not be.
        Assert.DoesNotMatch(@"(?m)^SCAN (a|at|articles|article_tags)\b", plan);
    }

    [Fact]
    public async Task RelatedArticles_ReadOnlyTheTagIndexAndTheFiveRows()
    {
        await using var db = await TestDatabase.CreateAsync();
        var statements = new List<string>();
        using (db.Database.ObserveStatements(statements.Add))
        {
            await db.Published.FindRelatedAsync(1, db.Clock.Now, 5, Token);
        }

        // The traced text has its parameters filled in, so it can be planned as it is.
        var related = statements.Single(s => s.Contains("own_tags", StringComparison.Ordinal));
        var plan = await PlanAsync(db, related, new { });
        Assert.DoesNotMatch(@"(?m)^SCAN (a|at|c|articles|article_tags)\b", plan);
        Assert.Contains("ix_article_tags_tag", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RelatedArticles_SearchARareTagInFull_EvenBeyondABigTagsShareOfTheBudget()
    {
        await using var db = await TestDatabase.CreateAsync();
        var main = (await db.SaveAsync(ArticleFile.With("Haupt", "2025-05-30T10:00:00", "[Groß, Selten]", extra: "slug: haupt"), "haupt.md")).ArticleId;
        await db.SaveAsync(ArticleFile.With("Uralt und selten", "2020-01-01T10:00:00", "[Groß, Selten]", extra: "slug: uralt"), "uralt.md");
        for (var i = 0; i < (RelatedArticles.CandidateBudget / 2) + 10; i++)
        {
            await db.SaveAsync(ArticleFile.With($"Groß {i}", $"2024-01-01T10:00:00Z", "[Groß]", extra: $"slug: gross-{i}"), $"g{i}.md");
        }

        var related = await db.Published.FindRelatedAsync(main, db.Clock.Now, 5, Token);

        Assert.Equal("uralt", related[0].Slug);
        Assert.Equal(5, related.Count);
    }
}
