using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

public class RelatedArticlesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<long> Add(TestDatabase db, string slug, string date, string tags, string extra = "") =>
        (await db.SaveAsync(ArticleFile.With(slug, date, tags, extra: $"slug: {slug}\n{extra}"), slug + ".md")).ArticleId;

    private static async Task<List<string>> Related(TestDatabase db, long articleId, int limit = 5) =>
        (await db.Published.FindRelatedAsync(articleId, db.Clock.Now, limit, Token)).Select(r => r.Slug).ToList();

    [Fact]
    public async Task MoreSharedTagsRankHigher()
    {
        await using var db = await TestDatabase.CreateAsync();
        var main = await Add(db, "haupt", "2025-03-01", "[A, B, C]");
        await Add(db, "eins-gemeinsam", "2025-03-05", "[A, X]");
        await Add(db, "drei-gemeinsam", "2025-01-01", "[A, B, C]");
        await Add(db, "zwei-gemeinsam", "2025-02-01", "[B, C, Y]");

        Assert.Equal(["drei-gemeinsam", "zwei-gemeinsam", "eins-gemeinsam"], await Related(db, main));
    }

    [Fact]
    public async Task RareSharedTagOutweighsCommonSharedTag()
    {
        await using var db = await TestDatabase.CreateAsync();
        var main = await Add(db, "haupt", "2025-03-01", "[Politik, Schwarzwald]");
        // "Politik" is on nearly every article, "Schwarzwald" on only two.
        await Add(db, "teilt-seltenes", "2025-01-01", "[Schwarzwald]");
        await Add(db, "teilt-haeufiges", "2025-03-10", "[Politik]");
        await Add(db, "politik-1", "2025-02-01", "[Politik, A]");
        await Add(db, "politik-2", "2025-02-02", "[Politik, B]");

        var related = await Related(db, main);

        Assert.Equal("teilt-seltenes", related[0]); // older, yet first: rarity beats recency
        Assert.Equal(4, related.Count);
    }

    [Fact]
    public async Task RarityWeightsFollowTheDocumentFrequency()
    {
        await using var db = await TestDatabase.CreateAsync();
        var main = await Add(db, "haupt", "2025-03-01", "[Selten, Haeufig]");
        await Add(db, "a", "2025-03-02", "[Selten]");
        await Add(db, "b", "2025-03-03", "[Haeufig]");
        await Add(db, "c", "2025-03-04", "[Haeufig]");

        var scores = (await db.Published.FindRelatedAsync(main, db.Clock.Now, 5, Token)).ToDictionary(r => r.Slug, r => r.Score);

        // "Selten" is on 2 live articles, "Haeufig" on 3; the weight is 1 / ln(1 + df).
        Assert.Equal(1 / Math.Log(1 + 2.0), scores["a"], precision: 9);
        Assert.Equal(1 / Math.Log(1 + 3.0), scores["b"], precision: 9);
    }

    [Fact]
    public async Task TiesGoToTheMoreRecentArticle()
    {
        await using var db = await TestDatabase.CreateAsync();
        var main = await Add(db, "haupt", "2025-03-01", "[A, B, C]");
        await Add(db, "alt", "2025-01-01", "[C, B, A]");
        await Add(db, "neu", "2025-02-01", "[A, B, C]");
        await Add(db, "mittel", "2025-01-15", "[B, A, C]");

        Assert.Equal(["neu", "mittel", "alt"], await Related(db, main));
    }

    [Fact]
    public async Task ExcludesItselfDraftsAndFutureArticles()
    {
        await using var db = await TestDatabase.CreateAsync();
        var main = await Add(db, "haupt", "2025-03-01", "[A]");
        await Add(db, "entwurf", "2025-03-02", "[A]", extra: "draft: true");
        await Add(db, "zukunft", "2030-01-01", "[A]");
        await Add(db, "sichtbar", "2025-03-03", "[A]");

        Assert.Equal(["sichtbar"], await Related(db, main));
    }

    [Fact]
    public async Task FutureArticleAppearsOnceItsTimeHasCome()
    {
        await using var db = await TestDatabase.CreateAsync();
        var main = await Add(db, "haupt", "2025-03-01", "[A]");
        await Add(db, "geplant", "2025-07-01T08:00:00", "[A]");

        Assert.Empty(await Related(db, main));
        db.Clock.Now = new DateTimeOffset(2025, 7, 1, 6, 0, 0, TimeSpan.Zero); // 08:00 Berlin summer time

        Assert.Equal(["geplant"], await Related(db, main));
    }

    [Fact]
    public async Task NoSharedTagsMeansNoRelatedArticles()
    {
        await using var db = await TestDatabase.CreateAsync();
        var loner = await Add(db, "einzeln", "2025-03-01", "[Naturschutz]");
        await Add(db, "anders", "2025-03-02", "[Politik]");
        var untagged = await Add(db, "ohne-tags", "2025-03-03", "[]");

        Assert.Empty(await Related(db, loner));
        Assert.Empty(await Related(db, untagged));
    }

    [Fact]
    public async Task AtMostTheLimit()
    {
        await using var db = await TestDatabase.CreateAsync();
        var main = await Add(db, "haupt", "2025-03-01", "[A]");
        for (var i = 1; i <= 8; i++)
        {
            await Add(db, $"artikel-{i}", $"2025-02-0{i}", "[A]");
        }

        var related = await Related(db, main);

        Assert.Equal(["artikel-8", "artikel-7", "artikel-6", "artikel-5", "artikel-4"], related);
    }

    [Fact]
    public async Task TagSpellingDoesNotSplitATag()
    {
        await using var db = await TestDatabase.CreateAsync();
        var main = await Add(db, "haupt", "2025-03-01", "[Köln]");
        await Add(db, "klein", "2025-03-02", "[\"köln \"]");
        await Add(db, "gross", "2025-03-03", "[KÖLN]");

        Assert.Equal(["gross", "klein"], await Related(db, main));
    }
}
