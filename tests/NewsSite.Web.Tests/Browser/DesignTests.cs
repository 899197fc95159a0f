using Microsoft.Playwright;

namespace NewsSite.Web.Tests.Browser;

/// <summary>What the stylesheet promises beyond looks: paper without navigation, and no content jumping while loading.</summary>
public class DesignTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    [Fact]
    public async Task Print_HidesNavigationSearchAndRelated_AndPrintsWhereLinksLead()
    {
        await using var linked = new LinkedArticleSite();
        await linked.InitializeAsync();
        var page = await linked.Browser.NewPageAsync();
        await page.GotoAsync($"{linked.BaseUrl}/artikel/mit-link");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        foreach (var hidden in new[] { ".site-nav", ".site-search", "section.related", ".skip-link", ".site-footer nav" })
        {
            Assert.Equal("none", await page.Locator(hidden).First.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        }

        Assert.Equal("block", await page.Locator(".article__body").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        var link = page.Locator(".article__body a[href='https://example.org/quelle']");
        Assert.Equal("\" (https://example.org/quelle)\"", await link.EvaluateAsync<string>("e => getComputedStyle(e, '::after').content"));

        // On screen, the same link shows no address.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        Assert.Equal("none", await link.EvaluateAsync<string>("e => getComputedStyle(e, '::after').content"));
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task SectionNavigation_IsOneRowOfLinks_WithTheCurrentSectionMarked(int width)
    {
        var page = await site.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
        await page.GotoAsync($"{site.BaseUrl}/archiv/2025/03");

        var items = page.Locator("nav.site-nav li");
        var tops = await items.EvaluateAllAsync<double[]>("items => items.map(i => i.getBoundingClientRect().top)");
        Assert.Equal(3, tops.Length);
        Assert.True(tops.Max() - tops.Min() < 1, "Navigation items at " + string.Join(", ", tops));
        Assert.Equal("none", await page.Locator("nav.site-nav ul").EvaluateAsync<string>("e => getComputedStyle(e).listStyleType"));
        Assert.Equal("Archiv", await page.Locator("nav.site-nav a[aria-current=page]").TextContentAsync());
    }

    [Theory]
    [InlineData("/ressort/ausland")]
    [InlineData("/artikel/" + Support.SeededSite.SeedSlug)]
    public async Task RessortNavigation_At320Px_IsOneRowThatScrollsWithinItself_NeverWiderThanTheScreen(string path)
    {
        var page = await site.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 320, Height = 800 } });
        await page.GotoAsync(site.BaseUrl + path);

        var tops = await page.Locator("nav.ressort-nav li").EvaluateAllAsync<double[]>("items => items.map(i => i.getBoundingClientRect().top)");
        var list = await page.Locator("nav.ressort-nav ul").EvaluateAsync<double[]>("e => [e.scrollWidth, e.clientWidth]");
        // The navigation's own box, not the page's: the search form's width at 320 px is another matter (issue 16).
        var navRight = await page.Locator("nav.ressort-nav").EvaluateAsync<double>("e => e.getBoundingClientRect().right");

        Assert.Equal(8, tops.Length);
        Assert.True(tops.Max() - tops.Min() < 1, "Ressort links at " + string.Join(", ", tops));
        Assert.True(list[0] > list[1], "Eight Ressorts should not fit 320 px; the list scrolls instead");
        Assert.True(navRight <= 320, $"The Ressort navigation reaches {navRight} px on a 320 px screen");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/ressort/ausland")]
    [InlineData("/artikel/" + Support.SeededSite.SeedSlug)]
    [InlineData("/thema/koeln")]
    [InlineData("/impressum")]
    public async Task Loading_ShiftsNoLayout(string path)
    {
        var page = await site.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 375, Height = 812 } });
        await page.GotoAsync(site.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        var shift = await page.EvaluateAsync<double>(
            """
            () => new Promise(resolve => {
                let total = 0;
                new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
                    .observe({ type: 'layout-shift', buffered: true });
                setTimeout(() => resolve(total), 300);
            })
            """);

        Assert.Equal(0, shift);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/artikel/" + Support.SeededSite.SeedSlug)]
    [InlineData("/thema/koeln")]
    [InlineData("/themen")]
    [InlineData("/archiv")]
    [InlineData("/suche?q=Verteidigungsausgaben")]
    [InlineData("/artikel/gibt-es-nicht")]
    [InlineData("/impressum")]
    public async Task At320Pixels_NothingScrollsSideways_AndTheSearchButtonIsWhole(string path)
    {
        // With the self-hosted fonts, and without them: font-display: optional gives a reader whose fonts come late
        // (a slow line, a busy phone) the fallback font for the whole visit, and its wider letters must fit as well.
        // Seen in CI, where a loaded machine served the fonts too late: the search form was 19 px too wide.
        foreach (var webFonts in new[] { true, false })
        {
            var page = await site.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 320, Height = 640 } });
            if (!webFonts)
            {
                await page.RouteAsync("**/fonts/**", route => route.AbortAsync());
            }

            await page.GotoAsync(site.BaseUrl + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
            await page.EvaluateAsync("() => document.fonts.ready.then(() => new Promise(requestAnimationFrame))");
            var fonts = webFonts ? "with web fonts" : "with the fallback font";

            // Every element inside the window, not only the page as a whole (an overflow: hidden parent would hide a
            // cut-off button); but for those in a row that scrolls within itself on purpose (the Ressort navigation),
            // which a reader swipes to.
            var outside = await page.EvaluateAsync<string[]>(
                """
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).position !== 'absolute')
                    .filter(e => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return false; } return true; })
                    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5); })
                    .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
                """);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            Assert.True(widths[0] <= widths[1], $"{path} {fonts}: page {widths[0]} px wide in a {widths[1]} px window; outside: {string.Join(", ", outside)}");
            Assert.True(outside.Length == 0, $"{path} {fonts}: outside the window: {string.Join(", ", outside)}");

            var button = await page.Locator(".site-search button").BoundingBoxAsync();
            Assert.NotNull(button);
            Assert.True(button.X >= 0 && button.X + button.Width <= 320, $"{fonts}: search button from {button.X} to {button.X + button.Width}");
            await page.CloseAsync();
        }
    }

    [Fact]
    public async Task LongGermanWords_AreHyphenated_NotCutOrOverflowing()
    {
        var page = await site.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 375, Height = 812 } });
        await page.GotoAsync($"{site.BaseUrl}/artikel/nato-staaten-ringen-um-hoehere-verteidigungsausgaben");

        Assert.Equal("auto", await page.Locator("h1").EvaluateAsync<string>("e => getComputedStyle(e).hyphens"));
        Assert.Equal("auto", await page.Locator(".article__body p").First.EvaluateAsync<string>("e => getComputedStyle(e).hyphens"));
        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
    }

    [Fact]
    public async Task Listings_OpenWithTheLeadStoryOnPageOneOnly()
    {
        await using var listing = new ListingSite();
        await listing.InitializeAsync();
        var page = await listing.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

        await page.GotoAsync(listing.BaseUrl + "/");
        var first = await TeaserBoxesAsync(page);
        Assert.True(first[0].Width > first[1].Width * 1.8, $"Lead {first[0].Width} px, next {first[1].Width} px");
        Assert.True(first[1].Y > first[0].Y + first[0].Height - 1, "The lead story stands above the grid");

        await page.GotoAsync(listing.BaseUrl + "/?seite=2");
        var second = await TeaserBoxesAsync(page);
        Assert.Equal(second[0].Y, second[1].Y, 0.5);
        Assert.Equal(second[0].Width, second[1].Width, 0.5);
        Assert.NotEqual(
            await page.Locator(".teaser__title").First.EvaluateAsync<string>("e => getComputedStyle(e).fontSize"),
            await page.Locator("h1").EvaluateAsync<string>("e => getComputedStyle(e).fontSize"));
    }

    private static async Task<LayoutBox[]> TeaserBoxesAsync(IPage page) =>
        [.. (await page.Locator("ol.teasers > li").EvaluateAllAsync<double[][]>(
                "items => items.map(i => { const r = i.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })"))
            .Select(b => new LayoutBox(b[0], b[1], b[2], b[3]))];

    private sealed record LayoutBox(double X, double Y, double Width, double Height);

    private sealed class ListingSite() : BrowserSite(Support.NewsSiteFactory.ContentFolder(
        Enumerable.Range(1, 6).Select(i => ($"{i}.md",
            $"---\ntitle: Meldung {i}\nauthor: Redaktion\ndate: 2025-03-0{i}T10:00:00\ntags: [Chronik]\nsummary: Kurz zu Meldung {i}.\n---\n\nText.\n")).ToArray()),
        pageSize: 3);

    private sealed class LinkedArticleSite() : BrowserSite(Support.NewsSiteFactory.ContentFolder(
        ("link.md", "---\ntitle: Mit Link\nauthor: Redaktion\ndate: 2025-03-01T10:00:00\ntags: [Quellen]\n---\n\nSiehe [die Quelle](https://example.org/quelle).\n"),
        ("zweiter.md", "---\ntitle: Zweiter\nauthor: Redaktion\ndate: 2025-03-02T10:00:00\ntags: [Quellen]\n---\n\nText.\n")));
}
