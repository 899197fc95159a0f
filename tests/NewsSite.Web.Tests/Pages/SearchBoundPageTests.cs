using System.Globalization;
using System.Net;
using NewsSite.Core.Articles;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pages;

/// <summary>A word in more articles than a search ranks (ArticleRepository.RankedHitLimit): what the reader sees.</summary>
public class SearchBoundPageTests(SearchBoundPageTests.CrowdedSite site) : IClassFixture<SearchBoundPageTests.CrowdedSite>
{
    private const int HitsPerPage = 100;

    private const int LastPage = ArticleRepository.RankedHitLimit / HitsPerPage;

    /// <summary>One article more than the bound, every one about the strike.</summary>
    public sealed class CrowdedSite() : NewsSiteFactory(
        ContentFolder(Enumerable.Range(1, ArticleRepository.RankedHitLimit + 1)
            .Select(i => ($"streik-{i}.md", string.Create(CultureInfo.InvariantCulture,
                $"---\ntitle: \"Meldung {i}\"\nauthor: Anna Berger\ndate: 2024-01-01T10:00:00\ntags: []\n---\n\nDer Streik, Tag {i}.\n")))
            .ToArray()),
        pageSize: HitsPerPage);

    [Fact]
    public async Task MoreHitsThanRanked_SayMoreThan_AndPageThroughTheRankedOnes()
    {
        var (response, first) = await site.GetPageAsync("/suche?q=streik");
        var (lastResponse, last) = await site.GetPageAsync($"/suche?q=streik&seite={LastPage}");
        var (beyond, _) = await site.GetPageAsync($"/suche?q=streik&seite={LastPage + 1}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Mehr als 1.000 Treffer für „streik“", first.QuerySelector(".search-summary")!.TextContent);
        Assert.Equal(HitsPerPage, first.QuerySelectorAll(".search-hit").Length);
        Assert.Equal(HttpStatusCode.OK, lastResponse.StatusCode);
        Assert.Equal(HitsPerPage, last.QuerySelectorAll(".search-hit").Length);
        Assert.Null(last.QuerySelector("nav.pagination a[rel=next]"));
        Assert.Equal(HttpStatusCode.NotFound, beyond.StatusCode);
    }
}
