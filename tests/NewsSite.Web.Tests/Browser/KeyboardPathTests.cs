using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace NewsSite.Web.Tests.Browser;

/// <summary>
/// A reader without a mouse: Tab and Enter alone lead from the home page to an article, on to a related article, to a
/// tag page and through the search, and the element in focus is always visibly marked.
/// </summary>
public class KeyboardPathTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string SeedTitle = "Kreml lehnt internationale Truppen in Ukraine strikt ab";

    // A page has fewer links than this before the one we want; more Tabs than this means it is unreachable.
    private const int MaxTabs = 80;

    [Fact]
    public async Task Reader_WalksFromHomeToArticleRelatedArticleTagPageAndSearch_ByKeyboardAlone()
    {
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.BaseUrl);

        // The first Tab reaches the skip link, which moves focus past the header into the main content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Zum Inhalt springen", await FocusedTextAsync(page));
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.getBoundingClientRect().top >= 0"), "The skip link shows when focused.");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("inhalt", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // Home → article: the first link after the skip target is the lead story; Tab on to the seed article.
        await TabToAsync(page, "a", SeedTitle);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/artikel/kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab$"));

        // Article → its first related article.
        var relatedTitle = (await page.Locator("section.related a").First.TextContentAsync())!.Trim();
        await TabToAsync(page, "section.related a", relatedTitle);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(relatedTitle);

        // Related article → the page of its first tag.
        var tagName = (await page.Locator("a[rel~=tag]").First.TextContentAsync())!.Trim();
        await TabToAsync(page, "a[rel~=tag]", tagName);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/thema/[a-z0-9-]+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(tagName);

        // Tag page → search from the header: type a query without umlauts, Enter submits.
        await TabToAsync(page, "input[type=search]", "");
        await page.Keyboard.TypeAsync("gesprache");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/suche\\?q=gesprache$"));
        await Expect(page.Locator("main")).ToContainTextAsync(SeedTitle);

        // Search result → the article.
        await TabToAsync(page, "main a", SeedTitle);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedTitle);
    }

    /// <summary>
    /// Presses Tab until the focused element matches the selector (and, when given, has that text), checking on the
    /// way that every focused element shows the focus outline.
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector, string text)
    {
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<FocusState>(
                """
                selector => {
                    const e = document.activeElement;
                    const style = getComputedStyle(e);
                    return { matches: e.matches(selector), text: (e.textContent || '').trim(),
                             outline: style.outlineStyle === 'none' ? '0px' : style.outlineWidth, tag: e.tagName };
                }
                """,
                selector);
            if (focused.Tag == "BODY")
            {
                continue;
            }

            Assert.True(focused.Outline != "0px", $"The focused {focused.Tag} „{focused.Text}“ shows no focus outline.");
            if (focused.Matches && (text.Length == 0 || focused.Text == text))
            {
                return;
            }
        }

        Assert.Fail($"{MaxTabs} presses of Tab did not reach {selector} „{text}“ on {page.Url}.");
    }

    private static Task<string> FocusedTextAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()");

    // Playwright fills the result of evaluate through a parameterless constructor and setters.
    private sealed class FocusState
    {
        public bool Matches { get; set; }

        public string Text { get; set; } = "";

        public string Outline { get; set; } = "";

        public string Tag { get; set; } = "";
    }
}
