using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace NewsSite.Web.Tests.Browser;

/// <summary>
/// axe-core (bundled by Deque.AxeCore.Playwright, injected into Debian's Chromium) on every kind of reader page and
/// the login page, in the light and the dark scheme, on a wide and a narrow screen: no violation of any rule axe runs
/// by default (WCAG 2.x A and AA, and best practices).
/// </summary>
public class AccessibilityTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "home", "/" },
        { "article", $"/artikel/{Support.SeededSite.SeedSlug}" },
        { "tag", "/thema/ukraine" },
        { "ressort", "/ressort/ausland" },
        { "tags", "/themen" },
        { "author", "/autor/anna-berger" },
        { "archive", "/archiv" },
        { "archive month", "/archiv/2025/03" },
        { "search", "/suche?q=ukraine" },
        { "search without hits", "/suche?q=zzzzzz" },
        { "search with a suggestion", "/suche?q=Ukriane" },
        { "404", "/gibt-es-nicht" },
        { "impressum", "/impressum" },
        { "datenschutz", "/datenschutz" },
        { "login", "/admin/anmelden" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoAxeViolations_InLightAndDarkSchemes(string name, string path)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            foreach (var width in new[] { 1280, 375 })
            {
                await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
                {
                    ColorScheme = scheme,
                    ViewportSize = new ViewportSize { Width = width, Height = 900 },
                });
                var page = await context.NewPageAsync();
                var response = await page.GotoAsync(site.BaseUrl + path);
                Assert.NotNull(response);
                Assert.Equal(name == "404" ? 404 : 200, response.Status);

                var results = await page.RunAxe();

                Assert.True(results.Violations.Length == 0, $"{name} ({path}), {scheme}, {width}px:\n{Describe(results.Violations)}");
                Assert.NotEmpty(results.Passes);
            }
        }
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join('\n', violations.Select(v =>
        $"- {v.Id} ({v.Impact}): {v.Help}\n    " + string.Join("\n    ", v.Nodes.Select(n => $"{n.Target}: {n.Html} {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))));
}
