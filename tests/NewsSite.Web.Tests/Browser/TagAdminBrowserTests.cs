using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Tags;
using static Microsoft.Playwright.Assertions;

namespace NewsSite.Web.Tests.Browser;

/// <summary>The tag admin's site: "Köln" and its transliteration "Koeln" side by side (see <see cref="TagSite"/>).</summary>
public sealed class TagBrowserSite : BrowserSite
{
    public TagBrowserSite()
        : base(TagSite.Content())
    {
    }
}

public class TagAdminBrowserTests(TagBrowserSite site) : IClassFixture<TagBrowserSite>
{
    private const string Password = "redaktion-ist-sicher-2025";

    [Theory]
    [InlineData(1280)]
    [InlineData(375)]
    public async Task Editor_FindsTheDuplicateInTheReport_MergesItWithOneClick_AndReadersFollowTheOldAddress(int width)
    {
        var accounts = site.Services.GetRequiredService<AccountService>();
        var name = $"erika{width}";
        await accounts.CreateAsync(name, UserRole.Editor, Password, TestContext.Current.CancellationToken);
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "de-DE",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/admin/anmelden");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Passwort").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Schlagwörter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Schlagwörter");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath($"admin-tags-{width}.png"), FullPage = true });

        // Both tests of the class share the site: the first merges, the second finds the report empty.
        var merge = page.GetByRole(AriaRole.Button, new() { Name = "„Koeln“ in „Köln“ einordnen" });
        if (await merge.CountAsync() > 0)
        {
            await merge.ClickAsync();
            await Expect(page.Locator(".notice--success")).ToContainTextAsync("„Koeln“ ist jetzt „Köln“");
        }

        await Expect(page.Locator(".duplicates-table")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Köln", Exact = true }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Schlagwort: Köln");
        await page.GetByLabel("Neuer Name").FillAsync("Köln, Bonn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Umbenennen" }).ClickAsync();
        await Expect(page.Locator("#name-error")).ToHaveTextAsync("Ein Schlagwort darf kein Komma enthalten: Im Editor trennt das Komma die Schlagwörter.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath($"admin-tag-{width}.png"), FullPage = true });

        var reader = await context.NewPageAsync();
        await reader.GotoAsync($"{site.BaseUrl}/thema/koeln-2");
        await Expect(reader).ToHaveURLAsync($"{site.BaseUrl}/thema/koeln");
        await Expect(reader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Köln");
        await Expect(reader.Locator("main")).ToContainTextAsync("Dom");
    }
}
