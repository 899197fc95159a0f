using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NewsSite.Web.Tests.Browser;

public class ReaderPathTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string SeedTitle = "Kreml lehnt internationale Truppen in Ukraine strikt ab";

    [Fact]
    public async Task Reader_GoesFromTheHomePageToTheSeedArticleAndOnToARelatedArticle()
    {
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "de-DE",
        });
        var page = await context.NewPageAsync();
        var otherHosts = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(site.BaseUrl, StringComparison.Ordinal))
            {
                otherHosts.Add(request.Url);
            }
        };

        await page.GotoAsync(site.BaseUrl);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aktuelle Nachrichten");
        await page.GetByRole(AriaRole.Link, new() { Name = SeedTitle, Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/artikel/kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedTitle);
        await Expect(page.Locator("article header .byline")).ToContainTextAsync("Von administrator");
        await Expect(page.Locator("article header .byline")).ToContainTextAsync("Veröffentlicht am 14. März 2025");
        var related = page.Locator("section.related");
        await Expect(related.GetByRole(AriaRole.Heading, new() { Name = "Verwandte Artikel" })).ToBeVisibleAsync();

        // The stylesheet arrived: the related block's top rule is drawn.
        Assert.Equal("3px", await related.EvaluateAsync<string>("e => getComputedStyle(e).borderTopWidth"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath("article-1280.png"), FullPage = true });

        var firstRelated = related.GetByRole(AriaRole.Link).First;
        var relatedTitle = (await firstRelated.TextContentAsync())!.Trim();
        await firstRelated.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(relatedTitle);
        await Expect(page.Locator("a[rel~=tag]").First).ToBeVisibleAsync();
        Assert.Empty(otherHosts);
    }

    [Fact]
    public async Task Reader_FollowsTheBylineToTheAuthorPage_WhoseAnnouncedFeedHoldsTheSameArticles()
    {
        var page = await site.Browser.NewPageAsync();

        await page.GotoAsync($"{site.BaseUrl}/artikel/eu-gipfel-sagt-ukraine-weitere-milliardenhilfe-zu");
        await page.Locator("article header .byline").GetByRole(AriaRole.Link, new() { Name = "Anna Berger" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/autor/anna-berger$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Anna Berger");
        var teasers = await page.Locator(".teaser h2 a").AllTextContentsAsync();
        Assert.Equal(2, teasers.Count);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath("author-1280.png"), FullPage = true });

        // What a feed reader given the page does: take the feed the head announces, and subscribe.
        var feedHref = await page.Locator("head link[rel=alternate][type='application/atom+xml']").Last.GetAttributeAsync("href");
        Assert.Equal("/autor/anna-berger/atom.xml", feedHref);
        var response = await page.APIRequest.GetAsync(site.BaseUrl + feedHref);
        Assert.Equal(200, response.Status);
        using var reader = System.Xml.XmlReader.Create(new MemoryStream(await response.BodyAsync()));
        var feed = System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
        Assert.Equal(teasers, feed.Items.Select(i => i.Title.Text));
        await page.CloseAsync();
    }

    [Fact]
    public async Task ArticlePage_FitsANarrowPhoneWithoutSidewaysScrolling()
    {
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{site.BaseUrl}/artikel/kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab");

        var scrollWidth = await BrowserSite.SettledScrollWidthAsync(page);
        Assert.True(scrollWidth <= 360, $"Seite ist {scrollWidth}px breit");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath("article-360.png"), FullPage = true });
    }

    [Fact]
    public async Task NotFoundPage_IsGermanAndOffersTheWayHome()
    {
        var page = await site.Browser.NewPageAsync();

        var response = await page.GotoAsync($"{site.BaseUrl}/artikel/gibt-es-nicht");

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Seite nicht gefunden");
        await page.GetByRole(AriaRole.Link, new() { Name = "Zur Startseite" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aktuelle Nachrichten");
        await page.CloseAsync();
    }
}
