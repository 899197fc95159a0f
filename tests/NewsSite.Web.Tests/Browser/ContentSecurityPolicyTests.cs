using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace NewsSite.Web.Tests.Browser;

/// <summary>
/// The real browser under the site's Content-Security-Policy: every page a reader and an editor open is styled and
/// reports no violation. A page that relied on an inline style or script would show up here as a console error.
/// </summary>
public class ContentSecurityPolicyTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Password = "richtlinie-ist-streng-2025";

    [Fact]
    public async Task ReaderAndEditorPages_RunUnderThePolicy_WithoutAViolation()
    {
        await site.Services.GetRequiredService<AccountService>().CreateAsync("lena", UserRole.Admin, Password, TestContext.Current.CancellationToken);
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "de-DE" });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };

        string[] readerPages =
        [
            "/", "/artikel/kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab", "/themen", "/archiv", "/suche?q=Kreml",
            "/gibt-es-nicht", "/admin/anmelden",
        ];
        foreach (var path in readerPages)
        {
            var response = await page.GotoAsync(site.BaseUrl + path);
            Assert.Contains("default-src 'none'", await response!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
            await AssertStyledAsync(page);
        }

        await page.GetByLabel("Name").FillAsync("lena");
        await page.GetByLabel("Passwort").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        foreach (var path in new[] { "/admin", "/admin/artikel/neu", "/admin/hochladen", "/admin/konten", "/admin/autoren" })
        {
            await page.GotoAsync(site.BaseUrl + path);
            await AssertStyledAsync(page);
        }

        // The preview renders Markdown with a link and a picture from another host: allowed by img-src https:.
        // The picture's host does not exist; the browser may fail to load it, but must not report the policy.
        await page.GotoAsync(site.BaseUrl + "/admin/artikel/neu");
        await page.Locator("#title").FillAsync("Richtlinie im Test");
        // A table with aligned columns (classes, not inline styles) and a picture by http: (asked for by https:).
        await page.Locator("#body").FillAsync(
            "## Vorschau\n\n[Quelle](https://example.org/quelle)\n\n![Bild](https://bilder.invalid/foto.jpg)\n\n" +
            "| Ort | Anteil |\n|:---:|---:|\n| Köln | 40 % |\n\n![Alt](http://bilder.invalid/alt.jpg)[^1]\n\n[^1]: Fußnote.\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        await Expect(page.Locator("img[src='https://bilder.invalid/foto.jpg']")).ToHaveCountAsync(1);
        await Expect(page.Locator("img[src='https://bilder.invalid/alt.jpg']")).ToHaveCountAsync(1);
        Assert.Equal("right", await page.Locator("td.align-right").EvaluateAsync<string>("td => getComputedStyle(td).textAlign"));
        await AssertStyledAsync(page);

        Assert.Empty(violations);
    }

    /// <summary>The stylesheet applied: the body's font is the site's, not the browser's default serif at 16px/normal margin.</summary>
    private static async Task AssertStyledAsync(IPage page)
    {
        // After a form post the new document may still be fetching its stylesheet; "load" waits for it.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var margin = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).margin");
        Assert.Equal("0px", margin);
    }
}
