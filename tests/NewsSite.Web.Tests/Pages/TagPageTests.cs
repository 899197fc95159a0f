using System.Net;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

public class TagPageTests(SeededSite site) : IClassFixture<SeededSite>
{
    [Fact]
    public async Task TagPage_ListsThePublishedArticlesWithThatTag()
    {
        var (response, page) = await site.GetPageAsync("/thema/koeln");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Köln", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var titles = page.QuerySelectorAll(".teaser h2 a").Select(a => a.TextContent).ToList();
        Assert.Equal(
            ["Sonderausstellung zeigt römische Funde aus der Kölner Innenstadt", "Köln baut Stadtbahnnetz bis 2030 deutlich aus"],
            titles);
    }

    [Fact]
    public async Task TagLinkFromTheArticle_LeadsToItsTagPage()
    {
        var (_, article) = await site.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");
        var href = article.QuerySelector("a[rel~=tag]")!.GetAttribute("href")!;

        var (response, tagPage) = await site.GetPageAsync(href);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(tagPage.QuerySelectorAll(".teaser h2 a"), a => a.GetAttribute("href") == $"/artikel/{SeededSite.SeedSlug}");
    }

    [Theory]
    [InlineData("/thema/gibt-es-nicht")]
    [InlineData("/thema/K%C3%B6ln")]
    public async Task UnknownTag_Gets404(string path)
    {
        var (response, _) = await site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task InvalidPageOnTagPage_Gets400()
    {
        var (response, _) = await site.GetPageAsync("/thema/koeln?seite=null");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
