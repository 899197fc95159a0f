using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Export;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>
/// Co-authors: authors: in the front matter (author: keeps working, both at once refused), the store's article_authors
/// with counters, listings and footprints that include them, the export writing authors: back, and the migration.
/// </summary>
public class CoAuthorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static FrontMatter Read(string frontMatter) => FrontMatterReader.Read("a.md", $"---\ntitle: T\n{frontMatter}\n---\nText.").FrontMatter;

    private static ArticleFormatException Refuse(string frontMatter) =>
        Assert.Throws<ArticleFormatException>(() => Read(frontMatter));

    private static string Article(string slug, string byline, string extra = "") =>
        $"---\ntitle: {slug}\nslug: {slug}\n{byline}\ndate: 2025-05-01T10:00:00\n{extra}---\n\nText.\n";

    [Fact]
    public void Authors_ReadsTheNamesInOrder_TheFirstAsAuthor_AndANameGivenTwiceOnce()
    {
        var front = Read("authors: [Anna Berger, \"Markus  Lehmann\", anna berger]");

        Assert.Equal("Anna Berger", front.Author);
        Assert.Equal(["Markus Lehmann"], front.CoAuthors);
        Assert.Equal(["Anna Berger", "Markus Lehmann"], front.Authors);
        Assert.Equal(["Anna Berger"], Read("author: Anna Berger").Authors);
        Assert.Empty(Read("authors: []").Authors);
    }

    [Theory]
    [InlineData("author: A\nauthors: [B, C]", "„author“ und „authors“ sind beide angegeben")]
    [InlineData("authors: Anna Berger", "Autoren müssen eine Liste sein")]
    [InlineData("authors: [A, \"\"]", "ist leer")]
    [InlineData("authors: [A1, A2, A3, A4, A5, A6, A7, A8, A9, A10, A11]", "Zu viele Autoren (11, höchstens 10)")]
    public void Authors_RefusesBadInput_AtTheField(string frontMatter, string message)
    {
        var e = Refuse(frontMatter);

        Assert.Equal(FrontMatterReader.AuthorsField, e.Field);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Authors_RefusesANameTooLong()
    {
        var e = Refuse($"authors: [Anna, {new string('x', 101)}]");

        Assert.Equal(FrontMatterReader.AuthorsField, e.Field);
        Assert.Contains("zu lang (101 Zeichen, höchstens 100)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_ListsTheArticleOnEveryAuthorsPage_AndCountsFollowTrashAndRestore()
    {
        await using var db = await TestDatabase.CreateAsync();
        var together = await db.SaveAsync(Article("gemeinsam", "authors: [Anna Berger, Markus Lehmann]"), "a.md");
        await db.SaveAsync(Article("allein", "author: Markus Lehmann"), "b.md");

        var markus = await db.Listings.ListPublishedAsync(ArticleScope.ForAuthor("markus-lehmann"), 1, 10, db.Clock.Now, Token);
        var article = await db.Published.FindPublishedAsync("gemeinsam", db.Clock.Now, Token);

        Assert.Equal(2, markus.TotalCount);
        Assert.Equal(["allein", "gemeinsam"], markus.Items.Select(t => t.Slug));
        Assert.Equal([new AuthorLink("Anna Berger", "anna-berger"), new AuthorLink("Markus Lehmann", "markus-lehmann")], article!.Authors);
        Assert.Equal(["Anna Berger", "Markus Lehmann"], markus.Items.Single(t => t.Slug == "gemeinsam").Authors.Select(a => a.Name));
        Assert.NotNull(await db.Authors.FindAuthorAsync("markus-lehmann", db.Clock.Now, Token));

        await db.Articles.SetTrashedAsync(together.ArticleId, trashed: true, "redaktion", Token);
        Assert.Equal(1, (await db.Listings.ListPublishedAsync(ArticleScope.ForAuthor("markus-lehmann"), 1, 10, db.Clock.Now, Token)).TotalCount);
        Assert.Null(await db.Authors.FindAuthorAsync("anna-berger", db.Clock.Now, Token)); // her only article is in the trash
        await AssertCountersAgreeAsync(db);

        await db.Articles.SetTrashedAsync(together.ArticleId, trashed: false, "redaktion", Token);
        await db.SaveAsync(Article("gemeinsam", "authors: [Lena Schmidt, Anna Berger]"), "a.md");
        Assert.Equal(["allein"], (await db.Listings.ListPublishedAsync(ArticleScope.ForAuthor("markus-lehmann"), 1, 10, db.Clock.Now, Token)).Items.Select(t => t.Slug));
        Assert.Equal(["gemeinsam"], (await db.Listings.ListPublishedAsync(ArticleScope.ForAuthor("anna-berger"), 1, 10, db.Clock.Now, Token)).Items.Select(t => t.Slug));
        await AssertCountersAgreeAsync(db);
    }

    [Fact]
    public async Task Journal_NamesEveryAuthor_BeforeAndAfter()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(Article("gemeinsam", "authors: [Anna Berger, Markus Lehmann]"), "a.md");
        var before = await db.Journal.ReadPendingChangesAsync(0, db.Clock.Now, db.Clock.Now, Token);

        await db.SaveAsync(Article("gemeinsam", "authors: [Anna Berger, Lena Schmidt]"), "a.md");

        var change = (await db.Journal.ReadPendingChangesAsync(before.LastId, db.Clock.Now, db.Clock.Now, Token)).Changes.Single();
        Assert.Equal(["anna-berger", "lena-schmidt", "markus-lehmann"], change.AuthorSlugs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_WritesAuthorsWhenThereAreSeveral_AndAuthorForOne_AndTheFileReadsBackTheSame()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(Article("gemeinsam", "author: Anna Berger", "# vorher einer\n"), "a.md");
        await db.SaveAsync(Article("gemeinsam", "authors: [Anna Berger, Markus Lehmann, Lena Schmidt]"), "a.md");
        await db.SaveAsync(Article("allein", "authors: [Markus Lehmann]"), "b.md");

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var article in db.Export.ReadAllForExportAsync(Token))
        {
            files[article.Slug] = ArticleExporter.ArticleFile(article);
        }

        Assert.Contains("authors: [\"Anna Berger\", \"Markus Lehmann\", \"Lena Schmidt\"]\n", files["gemeinsam"], StringComparison.Ordinal);
        Assert.DoesNotContain("author:", files["gemeinsam"], StringComparison.Ordinal);
        Assert.Contains("author: \"Markus Lehmann\"\n", files["allein"], StringComparison.Ordinal);
        Assert.DoesNotContain("authors:", files["allein"], StringComparison.Ordinal);
        Assert.Equal(["Anna Berger", "Markus Lehmann", "Lena Schmidt"], TestDatabase.Parser.Parse("x.md", files["gemeinsam"]).AuthorNames);
    }

    [Fact]
    public async Task DatabaseOfVersion20_KeepsItsArticlesAndCounters_AndTakesCoAuthorsAfterwards()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(Article("alt", "author: Anna Berger"), "a.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion20Sql);
        }

        var applied = await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token);
        await db.SaveAsync(Article("alt", "authors: [Anna Berger, Max Weber]"), "a.md");

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 20), applied);
        Assert.Equal(["Anna Berger", "Max Weber"], (await db.Published.FindPublishedAsync("alt", db.Clock.Now, Token))!.Authors.Select(a => a.Name));
        await AssertCountersAgreeAsync(db);
    }

    private static async Task AssertCountersAgreeAsync(TestDatabase db)
    {
        await using var connection = await db.Database.OpenAsync(Token);
        Assert.Empty(await DatabaseAudit.CounterDisagreementsAsync(connection));
    }
}
