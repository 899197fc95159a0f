using Microsoft.Playwright;

namespace NewsSite.Web.Tests.Browser;

/// <summary>
/// Home, article, tag page and search as a reader sees them: light and dark, 1280 and 375 px wide. Each must fit its
/// width without sideways scrolling and follow the reader's colour scheme; the PNGs go to bin/.../screenshots for a
/// person to look at (docs/screenshots holds a reviewed, compressed copy).
/// </summary>
public class ScreenshotTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "home", "/" },
        { "article", $"/artikel/{Support.SeededSite.SeedSlug}" },
        { "tag", "/thema/ukraine" },
        { "search", "/suche?q=ukraine" },
        { "ressort", "/ressort/politik" },
        { "impressum", "/impressum" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_FitsPhoneAndDesktopWidths_InLightAndDarkSchemes(string name, string path)
    {
        var backgrounds = new Dictionary<ColorScheme, string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            foreach (var width in new[] { 1280, 375 })
            {
                await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
                {
                    ColorScheme = scheme,
                    ViewportSize = new ViewportSize { Width = width, Height = width == 375 ? 812 : 900 },
                });
                var page = await context.NewPageAsync();
                await page.GotoAsync(site.BaseUrl + path);

                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{name} at {width}px ({scheme}) scrolls sideways by {overflow}px.");
                backgrounds[scheme] = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

                var file = $"{name}-{(scheme == ColorScheme.Dark ? "dark" : "light")}-{width}.png";
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath(file) });
            }
        }

        Assert.NotEqual(backgrounds[ColorScheme.Light], backgrounds[ColorScheme.Dark]);
    }
}
