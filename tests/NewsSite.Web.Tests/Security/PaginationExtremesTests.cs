using System.Net;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// Every paged listing reads ?seite= through Infrastructure/PageNumber: anything but a whole number from 1 to
/// PageNumber.Max is a German 400, a number past the last page a German 404 (a search without any hit shows its empty result instead,
/// SearchPageTests.LaterPageOfNothing_IsTheEmptyResultNot404), and no
/// value ever reaches the OFFSET arithmetic as something that could overflow or go negative.
/// </summary>
public class PaginationExtremesTests(PaginationExtremesTests.PagedSite site) : IClassFixture<PaginationExtremesTests.PagedSite>
{
    private static string Article(string title, string day) =>
        $"---\ntitle: \"{title}\"\nauthor: Anna Berger\ndate: 2025-03-{day}T10:00:00\ntags: [Stadt]\n---\n\nStadt und Land.\n";

    /// <summary>Three articles, two to a page: every listing has exactly two pages.</summary>
    public sealed class PagedSite() : NewsSiteFactory(
        ContentFolder(("a.md", Article("Eins", "01")), ("b.md", Article("Zwei", "02")), ("c.md", Article("Drei", "03"))),
        pageSize: 2);

    public static readonly TheoryData<string> Listings = new() { "/", "/thema/stadt", "/autor/anna-berger", "/archiv/2025/03", "/suche?q=stadt" };

    public static TheoryData<string, string> Refused()
    {
        var cases = new TheoryData<string, string>();
        foreach (var listing in Listings)
        {
            foreach (var value in new[]
            {
                "0", "-1", "1e3", "2147483648", "99999999999999999999", "1000001", "abc", "1.5", "+1", "%201", "0x10", "%EF%BC%91", "%00", "1%00",
            })
            {
                cases.Add(listing, value);
            }
        }

        return cases;
    }

    private static string WithPage(string listing, string query) => listing + (listing.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task NotAPageNumber_GetsTheGerman400Page(string listing, string value)
    {
        var (response, page) = await site.GetPageAsync(WithPage(listing, "seite=" + value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Ungültige Anfrage", page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task EmptyValue_IsTheFirstPage(string listing)
    {
        var (response, page) = await site.GetPageAsync(WithPage(listing, "seite="));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, page.QuerySelectorAll(".teaser").Length);
        Assert.EndsWith("seite=2", page.QuerySelector("a[rel=next]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    /// <summary>
    /// With the output cache on (the default), a listing whose seite comes several times shows its first page, whatever
    /// the order; the cache keys on all the values regardless of their order, so "2&amp;1" and "1&amp;2" share one
    /// copy, and it is the same page for both. (With the cache off, model binding takes the first value.)
    /// </summary>
    [Theory]
    [MemberData(nameof(Listings))]
    public async Task ValueGivenSeveralTimes_IsTheFirstPage_WhateverTheOrder(string listing)
    {
        foreach (var query in new[] { "seite=2&seite=1", "seite=1&seite=2", "seite=3&seite=2&seite=1" })
        {
            var (response, page) = await site.GetPageAsync(WithPage(listing, query));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["Drei", "Zwei"], page.QuerySelectorAll(".teaser h2").Select(h => h.TextContent.Trim()));
        }
    }

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task PagePastTheEnd_IsTheGerman404(string listing)
    {
        foreach (var value in new[] { "3", "1000000" })
        {
            var (response, page) = await site.GetPageAsync(WithPage(listing, "seite=" + value));

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Seite nicht gefunden", page.QuerySelector("h1")!.TextContent);
        }
    }
}
