using NewsSite.Core.Articles;
using NewsSite.Core.Generation;
using NewsSite.Core.Tags;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Generation;

public class CorpusGeneratorTests
{
    private static readonly DateTimeOffset Reference = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<GeneratedArticle> Corpus(int articles, int tags, int seed = 1) =>
        new CorpusGenerator(tags, seed, Reference).Generate(articles).ToList();

    [Fact]
    public void TheSameSeedGivesTheSameCorpus_AnotherSeedAnotherOne()
    {
        var first = Corpus(300, 50, seed: 42);
        var again = Corpus(300, 50, seed: 42);
        var generator = new CorpusGenerator(50, 42, Reference);
        var twice = generator.Generate(300).Select(a => a.Markdown).SequenceEqual(generator.Generate(300).Select(a => a.Markdown));
        var other = Corpus(300, 50, seed: 43);

        Assert.Equal(first.Select(a => a.Markdown), again.Select(a => a.Markdown));
        Assert.Equal(first.Select(a => a.RelativePath), again.Select(a => a.RelativePath));
        Assert.True(twice);
        Assert.NotEqual(first.Select(a => a.Markdown), other.Select(a => a.Markdown));
    }

    [Fact]
    public void TagsFollowZipf_WithinTheRequestedNumber_OneToSixPerArticleWithoutRepeats()
    {
        var generator = new CorpusGenerator(200, 1, Reference);
        var articles = generator.Generate(3000).ToList();

        var counts = generator.Tags.ToDictionary(t => t, _ => 0);
        foreach (var tag in articles.SelectMany(a => a.Tags))
        {
            counts[tag]++;
        }

        var sorted = counts.Values.Order().ToList();
        var median = sorted[sorted.Count / 2];
        Assert.Equal(200, generator.Tags.Count);
        Assert.Equal(200, generator.Tags.Select(t => TagName.TryCreate(t)!.Key).Distinct().Count());
        Assert.True(counts[generator.Tags[0]] > 20 * Math.Max(median, 1), $"häufigstes {counts[generator.Tags[0]]}, Median {median}");
        Assert.Equal(sorted[^1], counts[generator.Tags[0]]);
        Assert.All(articles, a => Assert.InRange(a.Tags.Count, 1, CorpusGenerator.MaxTagsPerArticle));
        Assert.All(articles, a => Assert.Equal(a.Tags.Count, a.Tags.Distinct(StringComparer.OrdinalIgnoreCase).Count()));
        Assert.Equal(Enumerable.Range(1, 6), articles.Select(a => a.Tags.Count).Distinct().Order());
    }

    [Fact]
    public void FewerTagsThanAnArticleWants_AreAllUsedButNotRepeated()
    {
        var articles = Corpus(200, 2);

        Assert.All(articles, a => Assert.InRange(a.Tags.Count, 1, 2));
        Assert.Equal(2, articles.SelectMany(a => a.Tags).Distinct().Count());
    }

    [Fact]
    public void ManyTags_AreUniqueUsableTagNames()
    {
        var tags = new CorpusGenerator(100_000, 3, Reference).Tags;

        Assert.Equal(100_000, tags.Count);
        Assert.All(tags, t => Assert.Equal(t, TagName.TryCreate(t)?.Display));
        Assert.Equal(100_000, tags.Select(t => TagName.TryCreate(t)!.Key).Distinct().Count());
    }

    [Fact]
    public void DatesAuthorsTitlesAndLengths_AreSpreadLikeANewsArchive()
    {
        var articles = Corpus(2000, 100);

        Assert.All(articles, a => Assert.InRange(a.PublishedAt, Reference.AddYears(-CorpusGenerator.Years), Reference));
        Assert.True(articles.Max(a => a.PublishedAt) - articles.Min(a => a.PublishedAt) > TimeSpan.FromDays(9 * 365));
        Assert.Equal(CorpusGenerator.AuthorCount, articles.Select(a => a.Author).Distinct().Count());
        var byAuthor = articles.CountBy(a => a.Author).Select(g => g.Value).Order().ToList();
        Assert.True(byAuthor[^1] > 3 * byAuthor[0], $"Autoren: {byAuthor[0]} bis {byAuthor[^1]} Artikel");
        Assert.Equal(articles.Count, articles.Select(a => a.Title).Distinct().Count());
        Assert.Equal(articles.Count, articles.Select(a => a.RelativePath).Distinct().Count());

        var words = articles.Select(a => a.WordCount).ToList();
        Assert.All(words, w => Assert.True(w >= CorpusGenerator.MinWords, $"{w} Wörter"));
        Assert.InRange(words.Average(), 400, 550);
        Assert.True(words.Min() < 200 && words.Max() > 1500, $"Längen {words.Min()} bis {words.Max()}");
    }

    [Fact]
    public void ArticlesHaveHeadingsAndSometimesListsEmphasisLinksAndQuotes()
    {
        var articles = Corpus(500, 50);

        Assert.All(articles, a => Assert.Contains("\n## ", a.Markdown, StringComparison.Ordinal));
        Assert.Contains(articles, a => a.Markdown.Contains("\n### ", StringComparison.Ordinal));
        Assert.Contains(articles, a => a.Markdown.Contains("\n- ", StringComparison.Ordinal));
        Assert.Contains(articles, a => a.Markdown.Contains("**", StringComparison.Ordinal));
        Assert.Contains(articles, a => a.Markdown.Contains("](https://", StringComparison.Ordinal));
        Assert.Contains(articles, a => a.Markdown.Contains("\n> „", StringComparison.Ordinal));
        Assert.Contains(articles, a => !a.Markdown.Contains("](https://", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryArticleParses_AndSaysWhatTheGeneratorMeant()
    {
        var articles = Corpus(1000, 300, seed: 9);

        foreach (var article in articles)
        {
            var content = TestDatabase.Parser.Parse(article.RelativePath, article.Markdown);

            Assert.Equal(article.Title, content.Title);
            Assert.Equal(article.Author, content.AuthorName);
            Assert.Equal(article.Tags, content.Tags.Select(t => t.Display));
            Assert.Equal(article.PublishedAt, content.PublishedAt);
            Assert.False(content.IsDraft);
            Assert.Contains("<h2", content.BodyHtml, StringComparison.Ordinal);

            // The summary is shown as plain text under teasers: Markdown markers would show as they are.
            Assert.DoesNotContain('*', content.Summary);
            Assert.StartsWith(NewsroomTime.ToLocal(article.PublishedAt).Year + "/", article.RelativePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ABatch_IsWrittenCompletely_OrNotAtAll()
    {
        await using var db = await TestDatabase.CreateAsync();
        var articles = Corpus(20, 10)
            .Select(a => (TestDatabase.Parser.Parse(a.RelativePath, a.Markdown), ArticleOrigin.Generated(a.RelativePath, 1)))
            .ToList();
        var taken = TestDatabase.Parser.Parse("x.md", ArticleFile.With("Belegt", "2025-01-01", "[A]", extra: "slug: belegt"));
        await db.Articles.SaveAsync(taken, ArticleOrigin.ImportedFile("x.md"), cancellationToken: Token);

        // The last article asks for a slug another article has: the whole batch must go.
        await Assert.ThrowsAsync<ArticleConflictException>(() => db.Articles.CreateBatchAsync(
            [.. articles, (taken with { ContentHash = "anders" }, ArticleOrigin.Generated("y.md", 1))], Token));
        Assert.Equal(1, await db.Articles.CountAsync(Token));

        var written = await db.Articles.CreateBatchAsync(articles, Token);

        Assert.Equal(21, await db.Articles.CountAsync(Token));
        Assert.All(written, w => Assert.Equal((ArticleWriteKind.Created, 1), (w.Kind, w.Revision)));
        var revisions = await db.Editing.ListRevisionsAsync(written[0].ArticleId, Token);
        Assert.Equal($"generiert (Seed 1): {articles[0].Item2.SourceKey}", Assert.Single(revisions).OriginDetail);
        Assert.Equal(RevisionOrigin.Import, revisions[0].Origin);
    }
}
