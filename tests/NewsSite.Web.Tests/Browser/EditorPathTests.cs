using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace NewsSite.Web.Tests.Browser;

/// <summary>An empty newsroom: the editor's uploads are the only articles.</summary>
public sealed class EmptyBrowserSite : BrowserSite
{
    public EmptyBrowserSite()
        : base(ContentFolder())
    {
    }
}

public class EditorPathTests(EmptyBrowserSite site) : IClassFixture<EmptyBrowserSite>
{
    private const string Password = "redaktion-ist-sicher-2025";

    private static string Article(string title, string body) =>
        $"---\ntitle: \"{title}\"\nauthor: Erika Muster\ndate: 2025-03-12T09:30\ntags: [Stadtwerke, Energie]\n---\n\n{body}\n\n## Wie es weitergeht\n\nDer Rat entscheidet im April.\n";

    [Fact]
    public async Task Editor_LogsIn_UploadsTwoArticles_EditsOne_AndRestoresTheEarlierRevision()
    {
        await site.Services.GetRequiredService<AccountService>().CreateAsync("erika", UserRole.Editor, Password, TestContext.Current.CancellationToken);
        var files = NewsSiteFactory.ContentFolder(
            ("stadtwerke.md", Article("Stadtwerke senken die Strompreise", "Die Stadtwerke senken zum 1. April ihre Preise.")),
            ("solar.md", Article("Solarpflicht für neue Dächer", "Neue Dächer bekommen ab 2026 Solarzellen.")));

        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "de-DE",
        });
        var page = await context.NewPageAsync();

        // Logged out, the admin sends to the login page and back.
        await page.GotoAsync($"{site.BaseUrl}/admin/hochladen");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/anmelden\\?returnUrl=%2Fadmin%2Fhochladen$"));
        await page.GetByLabel("Name").FillAsync("erika");
        await page.GetByLabel("Passwort").FillAsync(Password);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath("admin-login.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Markdown hochladen");

        // Two files at once through the file input, published by the plain button.
        await page.GetByLabel("Markdown-Dateien").SetInputFilesAsync([Path.Combine(files, "stadtwerke.md"), Path.Combine(files, "solar.md")]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();
        await Expect(page.Locator(".result--published")).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath("admin-upload.png"), FullPage = true });

        // Each is public, and each names the other under "Verwandte Artikel".
        await page.Locator(".results").GetByRole(AriaRole.Link, new() { Name = "Stadtwerke senken die Strompreise" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Stadtwerke senken die Strompreise");
        var related = page.Locator("section.related");
        await related.GetByRole(AriaRole.Link, new() { Name = "Solarpflicht für neue Dächer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Solarpflicht für neue Dächer");
        await Expect(page.Locator("section.related").GetByRole(AriaRole.Link, new() { Name = "Stadtwerke senken die Strompreise" })).ToBeVisibleAsync();

        // Edit one from the admin list: a new title in the field, previewed, then published.
        await page.GotoAsync($"{site.BaseUrl}/admin");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath("admin-list.png") });

        // The admin navigation is one row of links at this width, not a bulleted column.
        var navTops = await page.Locator("header nav li").EvaluateAllAsync<double[]>("items => items.map(i => i.getBoundingClientRect().top)");
        Assert.True(navTops.Length >= 6 && navTops.Max() - navTops.Min() < 10, "Admin navigation items at " + string.Join(", ", navTops));
        Assert.Equal("none", await page.Locator("header nav ul").EvaluateAsync<string>("e => getComputedStyle(e).listStyleType"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Solarpflicht für neue Dächer" }).ClickAsync();
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Solarpflicht kommt später");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        await Expect(page.Locator(".preview h1")).ToHaveTextAsync("Solarpflicht kommt später");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath("admin-edit.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Änderungen veröffentlichen" }).ClickAsync();
        await Expect(page.Locator(".notice--success")).ToContainTextAsync("Veröffentlicht (Version 2)");
        await page.GotoAsync($"{site.BaseUrl}/artikel/solarpflicht-fuer-neue-daecher");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Solarpflicht kommt später");

        // Second thoughts: the versions page shows the change, and version 1 comes back as version 3.
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Versionen (2)" }).ClickAsync();
        await Expect(page.Locator(".diff__added").First).ToContainTextAsync("Solarpflicht kommt später");
        // Within the changed line, the changed words are marked (decision 0023).
        await Expect(page.Locator(".diff__removed del.diff__word")).ToHaveTextAsync("für neue Dächer");
        await Expect(page.Locator(".diff__added ins.diff__word")).ToHaveTextAsync("kommt später");

        // A change readers see, republished: the source says since when (decision 0019).
        await Expect(page.Locator(".diff__added").Nth(1)).ToContainTextAsync("updated: ");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath("admin-revisions.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Version 1 wiederherstellen" }).ClickAsync();
        await Expect(page.Locator(".notice--success")).ToContainTextAsync("Version 1 ist wiederhergestellt");
        await page.GotoAsync($"{site.BaseUrl}/artikel/solarpflicht-fuer-neue-daecher");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Solarpflicht für neue Dächer");

        // A new article written in the form and scheduled: hidden until its date.
        await page.GotoAsync($"{site.BaseUrl}/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Neuer Artikel" }).First.ClickAsync();
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Haushalt für 2031");
        await page.GetByLabel("Tags").FillAsync("Stadtrat, Haushalt");
        await page.GetByLabel("Erscheinungsdatum").FillAsync("2031-01-05T07:00");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Der Stadtrat berät den Haushalt.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();
        await Expect(page.Locator(".notice--success")).ToContainTextAsync("Geplant (Version 1): erscheint am 5. Januar 2031, 07:00 Uhr");
        await Expect(page.Locator("h1 .status")).ToHaveTextAsync("Geplant");
        var hidden = await page.GotoAsync($"{site.BaseUrl}/artikel/haushalt-fuer-2031");
        Assert.Equal(404, hidden!.Status);
    }

    [Fact]
    public async Task EditPage_FitsAPhone_WithoutSidewaysScrolling()
    {
        await site.Services.GetRequiredService<AccountService>().CreateAsync("mobil", UserRole.Editor, Password, TestContext.Current.CancellationToken);
        await using var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 375, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/admin/artikel/neu");
        await page.GetByLabel("Name").FillAsync("mobil");
        await page.GetByLabel("Passwort").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Neuer Artikel");
        var scrollWidth = await BrowserSite.SettledScrollWidthAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserSite.ScreenshotPath("admin-edit-375.png"), FullPage = true });
        Assert.True(scrollWidth <= 375, $"Seite ist {scrollWidth}px breit");
    }
}
