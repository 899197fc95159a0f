using System.Net;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

public class AuthorPageTests(SeededSite site) : IClassFixture<SeededSite>
{
    [Fact]
    public async Task AuthorPage_ListsThatAuthorsPublishedArticlesNewestFirst()
    {
        var (response, page) = await site.GetPageAsync("/autor/anna-berger");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Anna Berger", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Anna Berger – NewsSite", page.Title);
        Assert.Equal(
            ["EU-Gipfel sagt Ukraine weitere Milliardenhilfe zu", "Russland und Ukraine tauschen erneut Gefangene aus"],
            page.QuerySelectorAll(".teaser h2 a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task BylineOfArticleAndTeaser_LinksToTheAuthorPage()
    {
        var (_, article) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");
        var (_, home) = await site.GetPageAsync("/");

        var link = article.QuerySelector(".article__header a.byline__author")!;
        Assert.Equal("administrator", link.TextContent);
        Assert.Equal("/autor/administrator", link.GetAttribute("href"));
        Assert.Equal("author", link.GetAttribute("rel"));
        Assert.All(home.QuerySelectorAll(".teaser .byline__author"), a => Assert.StartsWith("/autor/", a.GetAttribute("href"), StringComparison.Ordinal));

        var (response, authorPage) = await site.GetPageAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(authorPage.QuerySelectorAll(".teaser h2 a"), a => a.GetAttribute("href") == $"/artikel/{SeededSite.SeedSlug}");
    }

    [Theory]
    [InlineData("/autor/niemand")]
    [InlineData("/autor/Anna-Berger")]
    [InlineData("/autor/anna-berger?seite=2")]
    public async Task UnknownAuthorOrPagePastTheEnd_Gets404(string path)
    {
        var (response, page) = await site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nicht gefunden", page.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/autor/anna-berger?seite=0")]
    [InlineData("/autor/anna-berger?seite=abc")]
    [InlineData("/autor/anna-berger?seite=99999999999999999999")]
    public async Task InvalidPageNumber_Gets400(string path)
    {
        var (response, _) = await site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AuthorWithoutPublishedArticles_HasNoPage_LikeAnUnknownName()
    {
        var content = NewsSiteFactory.ContentFolder(("e.md", "---\ntitle: Nur Entwurf\nauthor: Lea Graf\ndraft: true\n---\n\nText.\n"));
        await using var own = new NewsSiteFactory(content);

        var (response, page) = await own.GetPageAsync("/autor/lea-graf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Lea Graf", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorWithAProfile_HasTheBioUnderTheName()
    {
        var (_, page) = await site.GetPageAsync("/autor/anna-berger");

        var bio = page.QuerySelector("main .author-bio")!;
        Assert.Same(bio, page.QuerySelector("main h1")!.NextElementSibling);
        Assert.Contains("Anna Berger berichtet", bio.QuerySelector("p")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("erfundene Person", bio.TextContent, StringComparison.Ordinal);
        Assert.Equal("content/authors/", bio.QuerySelector("code")!.TextContent);
    }

    [Fact]
    public async Task AuthorWithoutAProfile_HasNoBio()
    {
        var (response, page) = await site.GetPageAsync("/autor/jonas-weber");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector(".author-bio"));
    }

    [Fact]
    public async Task BioWithRawHtmlAndScriptLinks_ReachesThePageInert()
    {
        var content = NewsSiteFactory.ContentFolder(
            ("a.md", "---\ntitle: Eins\nauthor: Lea Graf\n---\n\nText.\n"),
            ("authors/lea-graf.md", """
                Lea <script>alert(1)</script> schreibt <img src=x onerror="alert(2)"> über [Köln](javascript:alert(3)),
                [mehr](https://example.org/lea) und <a href="javascript:alert(4)">hier</a>.
                """));
        await using var own = new NewsSiteFactory(content);

        var (response, page) = await own.GetPageAsync("/autor/lea-graf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bio = page.QuerySelector(".author-bio")!;
        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json']), img, .author-bio a[href^='javascript']"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Contains("<script>alert(1)</script>", bio.TextContent, StringComparison.Ordinal);
        Assert.Contains("über Köln", bio.TextContent, StringComparison.Ordinal);
        Assert.Equal(["https://example.org/lea"], bio.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task AuthorKnownOnlyFromTheirProfile_GetsAPageWithTheBio_WithTheirFirstPublishedArticle()
    {
        // "Lea beginnt im Mai" is news of its own until her first article is out: until then, no page.
        var clock = new TestClock(new DateTimeOffset(2025, 4, 1, 12, 0, 0, TimeSpan.Zero));
        var content = NewsSiteFactory.ContentFolder(
            ("a.md", "---\ntitle: Eins\ndate: 2025-03-01T10:00:00Z\n---\n\nText.\n"),
            ("b.md", "---\ntitle: Leas Erster\nauthor: Lea Gräf\ndate: 2025-05-02T10:00:00Z\n---\n\nText.\n"),
            ("authors/lea-graef.md", "---\nname: Lea Gräf\n---\n\nLea beginnt im Mai.\n"));
        await using var own = new NewsSiteFactory(content, clock: clock);

        var (before, _) = await own.GetPageAsync("/autor/lea-graef");
        clock.Now = new DateTimeOffset(2025, 5, 2, 10, 0, 0, TimeSpan.Zero);
        var (response, page) = await own.GetPageAsync("/autor/lea-graef");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Lea Gräf", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Lea beginnt im Mai.", page.QuerySelector(".author-bio")!.TextContent.Trim());
        Assert.Equal(["Leas Erster"], page.QuerySelectorAll(".teaser h2").Select(h => h.TextContent));
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetPageAsync("/artikel/lea-graef")).Response.StatusCode);
    }
}
