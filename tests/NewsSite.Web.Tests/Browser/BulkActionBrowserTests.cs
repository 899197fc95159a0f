using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Tags;
using static Microsoft.Playwright.Assertions;

namespace NewsSite.Web.Tests.Browser;

/// <summary>The article list in Chromium: sort by title, tick two articles, put them into the trash after the question.</summary>
public class BulkActionBrowserTests(TagBrowserSite site) : IClassFixture<TagBrowserSite>
{
    private const string Password = "redaktion-ist-sicher-2025";

    [Fact]
    public async Task Editor_SortsTicksAndTrashesTwoArticles_AfterConfirming()
    {
        await site.Services.GetRequiredService<AccountService>().CreateAsync("listen", UserRole.Editor, Password, TestContext.Current.CancellationToken);
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "de-DE",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/admin/anmelden");
        await page.GetByLabel("Name").FillAsync("listen");
        await page.GetByLabel("Passwort").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Artikel");

        await page.Locator("th[data-sort=titel] a").ClickAsync();
        await Expect(page.Locator("th[data-sort=titel]")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(page.Locator(".admin-table tbody tr td:first-child").First).ToHaveTextAsync("Bahn");
        await page.GetByLabel("„Dom“ auswählen").CheckAsync();
        await page.GetByLabel("„Zug“ auswählen").CheckAsync();
        await page.GetByLabel("Aktion", new() { Exact = true }).SelectOptionAsync("papierkorb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ausführen" }).ClickAsync();

        await Expect(page.Locator("#confirm h2")).ToHaveTextAsync("2 Artikel in den Papierkorb legen?");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath("admin-list-confirm.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, 2 Artikel in den Papierkorb legen" }).ClickAsync();

        await Expect(page.Locator(".notice--success")).ToContainTextAsync("2 Artikel in den Papierkorb gelegt");
        await Expect(page.Locator("th[data-sort=titel]")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(page.Locator(".status-counts a[data-status=papierkorb]")).ToHaveTextAsync("Papierkorb (2)");
        Assert.Equal(404, (await page.GotoAsync($"{site.BaseUrl}/artikel/dom"))!.Status);
    }
}
