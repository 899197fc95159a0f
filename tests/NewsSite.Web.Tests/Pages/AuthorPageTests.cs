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
    public async Task AuthorWithoutPublishedArticles_SaysSo()
    {
        var content = NewsSiteFactory.ContentFolder(("e.md", "---\ntitle: Nur Entwurf\nauthor: Lea Graf\ndraft: true\n---\n\nText.\n"));
        await using var own = new NewsSiteFactory(content);

        var (response, page) = await own.GetPageAsync("/autor/lea-graf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Von Lea Graf ist derzeit kein Artikel veröffentlicht.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".teaser"));
    }
}
