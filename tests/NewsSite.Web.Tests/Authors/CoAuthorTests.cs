using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Authors;

/// <summary>
/// Co-authors (front matter authors:) as readers meet them: the byline „Von A und B“ / „Von A, B und C“ with a link
/// each, every author's page and feeds listing the article, one author per person in RSS, Atom and JSON Feed, JSON-LD
/// with every Person, and a change evicting every author's pages and nobody else's.
/// </summary>
public class CoAuthorTests
{
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static string Byline(AngleSharp.Dom.IDocument page) =>
        string.Join(' ', page.QuerySelector("main .byline")!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task TheArticlePage_NamesEveryAuthor_WithALinkToEachPage()
    {
        await using var site = AuthorSite.Create();

        var (_, two) = await site.GetPageAsync("/artikel/gemeinsam");
        var (_, three) = await site.GetPageAsync("/artikel/zu-dritt");

        Assert.StartsWith("Von Anna Berger und Markus Lehmann ·", Byline(two), StringComparison.Ordinal);
        Assert.StartsWith("Von Anna Berger, Markus Lehmann und Lena Schmidt ·", Byline(three), StringComparison.Ordinal);
        Assert.Equal(["/autor/anna-berger", "/autor/markus-lehmann", "/autor/lena-schmidt"],
            three.QuerySelectorAll("main .byline a[rel=author]").Select(a => a.GetAttribute("href")));
        Assert.Equal(["https://nachrichten.example/autor/anna-berger", "https://nachrichten.example/autor/markus-lehmann"],
            two.QuerySelectorAll("meta[property='article:author']").Select(m => m.GetAttribute("content")));
    }

    [Fact]
    public async Task JsonLd_ListsEveryAuthorAsAPersonWithTheirPage()
    {
        await using var site = AuthorSite.Create();
        var (_, page) = await site.GetPageAsync("/artikel/zu-dritt");

        var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;

        var authors = jsonLd.GetProperty("author").EnumerateArray()
            .Select(a => (a.GetProperty("@type").GetString(), a.GetProperty("name").GetString(), a.GetProperty("url").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("Person", "Anna Berger", "https://nachrichten.example/autor/anna-berger"),
                ("Person", "Markus Lehmann", "https://nachrichten.example/autor/markus-lehmann"),
                ("Person", "Lena Schmidt", "https://nachrichten.example/autor/lena-schmidt"),
            ],
            authors);
    }

    [Fact]
    public async Task EachAuthorsPage_ListsTheArticlesTheyCoWrote_WithTheFullBylineInTheList()
    {
        await using var site = AuthorSite.Create();

        var (_, markus) = await site.GetPageAsync("/autor/markus-lehmann");
        var (_, lena) = await site.GetPageAsync("/autor/lena-schmidt");
        var (_, home) = await site.GetPageAsync("/");

        Assert.Equal(["Allein", "Zu dritt", "Gemeinsam"], markus.QuerySelectorAll(".teaser h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(["Zu dritt"], lena.QuerySelectorAll(".teaser h2").Select(h => h.TextContent.Trim()));
        var gemeinsam = home.QuerySelectorAll(".teaser").Single(a => a.QuerySelector("h2")!.TextContent.Trim() == "Gemeinsam");
        Assert.Equal(["Anna Berger", "Markus Lehmann"], gemeinsam.QuerySelectorAll(".byline a[rel=author]").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task AnAuthorWhoseOnlyArticleIsADraft_HasNoPageAndNoFeed()
    {
        await using var site = AuthorSite.Create();

        Assert.Equal(HttpStatusCode.NotFound, (await site.SendAsync("/autor/paul-neu")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.SendAsync("/autor/paul-neu/rss.xml")).StatusCode);
    }

    [Fact]
    public async Task Rss_HasOneDcCreatorPerAuthor_AndTheCoAuthorsFeedHasTheArticle()
    {
        await using var site = AuthorSite.Create();

        var rss = FeedResponses.ParseXml(await (await site.SendAsync("/rss.xml")).BytesAsync());
        var lenaFeed = FeedResponses.ParseXml(await (await site.SendAsync("/autor/lena-schmidt/rss.xml")).BytesAsync());

        var item = rss.Descendants("item").Single(i => i.Element("title")!.Value == "Zu dritt");
        Assert.Equal(["Anna Berger", "Markus Lehmann", "Lena Schmidt"], item.Elements(Dc + "creator").Select(c => c.Value));
        Assert.Equal(["Zu dritt"], lenaFeed.Descendants("item").Select(i => i.Element("title")!.Value));
    }

    [Fact]
    public async Task Atom_HasOneAuthorPerPerson_WithTheirPage()
    {
        await using var site = AuthorSite.Create();

        var atom = FeedResponses.ParseXml(await (await site.SendAsync("/autor/anna-berger/atom.xml")).BytesAsync());

        var entry = atom.Descendants(Atom + "entry").Single(e => e.Element(Atom + "title")!.Value == "Gemeinsam");
        Assert.Equal(
            [("Anna Berger", "https://nachrichten.example/autor/anna-berger"), ("Markus Lehmann", "https://nachrichten.example/autor/markus-lehmann")],
            entry.Elements(Atom + "author").Select(a => (a.Element(Atom + "name")!.Value, a.Element(Atom + "uri")!.Value)));
    }

    [Fact]
    public async Task JsonFeed_HasAnAuthorsArray_WithEveryPerson()
    {
        await using var site = AuthorSite.Create();

        var feed = JsonDocument.Parse(await (await site.SendAsync("/autor/markus-lehmann/feed.json")).BytesAsync()).RootElement;

        var item = feed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == "Zu dritt");
        Assert.Equal(["Anna Berger", "Markus Lehmann", "Lena Schmidt"],
            item.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(3, feed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task EditingACoWrittenArticle_EvictsEveryAuthorsPageAndFeed_AndNoOtherAuthors()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        string[] showing = ["/artikel/zu-dritt", "/autor/anna-berger", "/autor/markus-lehmann", "/autor/lena-schmidt", "/autor/lena-schmidt/rss.xml"];
        string[] elsewhere = ["/autor/max-weber", "/autor/max-weber/feed.json", "/artikel/fremd"];
        foreach (var path in showing.Concat(elsewhere))
        {
            await site.GetCachedPageAsync(path);
            Assert.True((await site.GetCachedPageAsync(path)).FromCache, path);
        }

        var edit = await editor.EditUrlOfAsync("Zu dritt");
        var (saved, _) = await editor.SubmitAsync(edit, "form#editor", new() { ["Fields.Title"] = "Zu dritt, neu" }, "Änderungen veröffentlichen");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        foreach (var path in showing)
        {
            Assert.False((await site.GetCachedPageAsync(path)).FromCache, $"{path} should have been evicted");
        }

        foreach (var path in elsewhere)
        {
            Assert.True((await site.GetCachedPageAsync(path)).FromCache, $"{path} should still come from the cache");
        }

        Assert.StartsWith("Von Anna Berger, Markus Lehmann und Lena Schmidt ·", Byline((await site.GetPageAsync("/artikel/zu-dritt")).Document), StringComparison.Ordinal);
    }
}
