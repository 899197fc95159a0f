using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Localization;

public class LocalizationTests
{
    private const string Markdown =
        "---\ntitle: Kölner Stadtbahn\nauthor: Anna Berger\ndate: 2025-03-12T09:30:00\nupdated: 2025-03-13T08:00:00\n" +
        "tags: [Köln, Verkehr]\n---\n\n## Eins\n\nText.\n\n## Zwei\n\nText.\n\n## Drei\n\nText.\n";

    private static NewsSiteFactory Site(string? culture)
    {
        var content = NewsSiteFactory.ContentFolder(
            ("stadtbahn.md", Markdown),
            ("nahverkehr.md", Markdown.Replace("Kölner Stadtbahn", "Nahverkehr", StringComparison.Ordinal)));
        return new NewsSiteFactory(content, pageSize: 1)
        {
            Settings = culture is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["NewsSite:Culture"] = culture },
        };
    }

    private static string Text(IDocument page, string selector) =>
        string.Join(' ', page.QuerySelector(selector)!.TextContent.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task ByDefault_ReaderPagesSpeakGerman()
    {
        await using var site = Site(culture: null);

        var (_, article) = await site.GetPageAsync("/artikel/koelner-stadtbahn");
        var (_, home) = await site.GetPageAsync("/");
        var (_, missing) = await site.GetPageAsync("/gibt-es-nicht");

        Assert.Equal("de", article.DocumentElement.GetAttribute("lang"));
        Assert.Equal("de_DE", article.QuerySelector("meta[property='og:locale']")!.GetAttribute("content"));
        Assert.Equal("Von Anna Berger · Veröffentlicht am 12. März 2025, 09:30 Uhr · Aktualisiert am 13. März 2025, 08:00 Uhr", Text(article, ".article .byline"));
        Assert.Equal("1 Min. Lesezeit", Text(article, ".article__reading-time"));
        Assert.Equal("Inhalt", Text(article, "nav.toc h2"));
        Assert.Equal("Verwandte Artikel", Text(article, "section.related h2"));
        Assert.Equal("Zum Inhalt springen", Text(home, ".skip-link"));
        Assert.Equal("Aktuelle Nachrichten", Text(home, "h1"));
        Assert.Equal("Ältere Artikel →", Text(home, "a[rel=next]"));
        Assert.Equal("März 2025 2 Artikel", Text((await site.GetPageAsync("/archiv")).Document, ".archive-months li"));
        Assert.Equal("Seite nicht gefunden", Text(missing, "h1"));
    }

    [Fact]
    public async Task EnglishCulture_TranslatesWordsDatesAndLanguageTags()
    {
        await using var site = Site("en-US");

        var (_, article) = await site.GetPageAsync("/artikel/koelner-stadtbahn");
        var (_, home) = await site.GetPageAsync("/");
        var (_, tag) = await site.GetPageAsync("/thema/koeln");
        var (_, archive) = await site.GetPageAsync("/archiv");
        var (_, month) = await site.GetPageAsync("/archiv/2025/03");
        var (_, search) = await site.GetPageAsync("/suche?q=stadtbahn");
        var (missingResponse, missing) = await site.GetPageAsync("/gibt-es-nicht");
        var rss = XDocument.Parse(await site.CreateClient().GetStringAsync(new Uri("/rss.xml", UriKind.Relative), TestContext.Current.CancellationToken));

        Assert.Equal("en", article.DocumentElement.GetAttribute("lang"));
        Assert.Equal("en_US", article.QuerySelector("meta[property='og:locale']")!.GetAttribute("content"));
        Assert.Equal("By Anna Berger · Published on March 12, 2025, 9:30 AM · Updated on March 13, 2025, 8:00 AM", Text(article, ".article .byline"));
        Assert.Equal("1 min read", Text(article, ".article__reading-time"));
        Assert.Equal("Contents", Text(article, "nav.toc h2"));
        Assert.Equal("Related articles", Text(article, "section.related h2"));
        Assert.Contains("\"inLanguage\":\"en-US\"", article.QuerySelector("script[type='application/ld+json']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Skip to content", Text(home, ".skip-link"));
        Assert.Equal("Latest news", Text(home, "h1"));
        Assert.Equal("Older articles →", Text(home, "a[rel=next]"));
        Assert.Equal("Topic Köln", Text(tag, "h1"));
        Assert.Equal("March 2025 2 articles", Text(archive, ".archive-months li"));
        Assert.Equal("Archive March 2025", Text(month, "h1"));
        Assert.Equal("Archive: March 2025 – NewsSite", month.Title);
        Assert.Equal("1 result for “stadtbahn”", Text(search, ".search-summary"));
        Assert.Equal("Search the site", search.QuerySelector("header form[role=search]")!.GetAttribute("aria-label"));
        Assert.Equal(HttpStatusCode.NotFound, missingResponse.StatusCode);
        Assert.Equal("Page not found", Text(missing, "h1"));
        Assert.Equal("en-US", rss.Root!.Element("channel")!.Element("language")!.Value);
        Assert.Equal("The latest news from NewsSite", rss.Root.Element("channel")!.Element("description")!.Value);
    }

    [Fact]
    public async Task BrowserLanguage_DoesNotSwitchTheSiteLanguage()
    {
        // One language for everyone, so that every reader (and every cache) gets the same page.
        await using var site = Site(culture: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        var response = await site.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.Contains("Aktuelle Nachrichten", html, StringComparison.Ordinal);
    }
}
