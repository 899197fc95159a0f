using System.Net;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

public class HomePageTests(SeededSite site) : IClassFixture<SeededSite>
{
    [Fact]
    public async Task HomePage_ListsTheLatestArticlesNewestFirst()
    {
        var (response, page) = await site.GetPageAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Aktuelle Nachrichten", Assert.Single(page.QuerySelectorAll("h1")).TextContent);
        var teasers = page.QuerySelectorAll("article.teaser");
        Assert.Equal(10, teasers.Length);
        var dates = teasers.Select(t => DateTimeOffset.Parse(t.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);

        var seed = teasers.Single(t => t.QuerySelector("h2 a")!.GetAttribute("href") == $"/artikel/{SeededSite.SeedSlug}");
        Assert.Equal("Kreml lehnt internationale Truppen in Ukraine strikt ab", seed.QuerySelector("h2 a")!.TextContent);
        Assert.Contains("Von administrator", seed.QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Russland hat den von den USA", seed.QuerySelector(".teaser__summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_WithAllArticlesOnOnePage_ShowsNoPagination()
    {
        var (_, page) = await site.GetPageAsync("/");

        Assert.Null(page.QuerySelector("nav.pagination"));
    }

    [Theory]
    [InlineData("/?seite=abc")]
    [InlineData("/?seite=0")]
    [InlineData("/?seite=-1")]
    [InlineData("/?seite=1.5")]
    [InlineData("/?seite=99999999999999999999")]
    [InlineData("/?seite=%00")]
    public async Task InvalidPageNumber_GetsAGerman400(string path)
    {
        var (response, page) = await site.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Ungültige Anfrage", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task PageBeyondTheLast_Gets404()
    {
        var (response, _) = await site.GetPageAsync("/?seite=2");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
