using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace NewsSite.Web.Tests.Browser;

/// <summary>
/// The newsroom's review path in Chromium, as two people click it: a contributor writes and submits an article, an
/// editor finds it in the review queue, approves it, and readers see it. No page may report a CSP violation.
/// </summary>
public class ReviewPathTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Password = "pruefen-und-freigeben-2025";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(IBrowserContext Context, IPage Page, List<string> Violations)> LogInAsync(string name, UserRole role)
    {
        var accounts = site.Services.GetRequiredService<AccountService>();
        if (await accounts.FindByNameAsync(name, Token) is null)
        {
            await accounts.CreateAsync(name, role, Password, Token);
        }

        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "de-DE",
        });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        await page.GotoAsync(site.BaseUrl + "/admin/anmelden");
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Passwort").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        return (context, page, violations);
    }

    [Fact]
    public async Task AContributorWritesAndSubmits_AnEditorApproves_AndTheArticleIsLive()
    {
        var (writerContext, writer, violations) = await LogInAsync("clara", UserRole.Contributor);
        await Expect(writer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Meine Artikel");
        await writer.GetByRole(AriaRole.Link, new() { Name = "Neuer Artikel", Exact = true }).First.ClickAsync();
        await writer.GetByLabel("Titel", new() { Exact = true }).FillAsync("Stadtrat beschließt neue Radwege");
        await writer.Locator("#body").FillAsync("Der Stadtrat hat am Abend zwölf Kilometer neue Radwege beschlossen.\n\n## Wo gebaut wird\n\nZuerst an der Ringstraße.");
        await Expect(writer.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen", Exact = true })).ToHaveCountAsync(0);
        await writer.GetByRole(AriaRole.Button, new() { Name = "Zur Prüfung einreichen" }).ClickAsync();
        await Expect(writer.Locator(".notice--success")).ToContainTextAsync("Zur Prüfung eingereicht");
        await Expect(writer.Locator("h1 .status")).ToHaveTextAsync("Zur Prüfung");
        await writerContext.CloseAsync();

        var (editorContext, editor, editorViolations) = await LogInAsync("erika", UserRole.Editor);
        violations.AddRange(editorViolations);
        await editor.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = "Zur Prüfung" }).ClickAsync();
        var queued = editor.Locator("#review-queue tbody tr", new() { HasText = "Stadtrat beschließt neue Radwege" });
        await Expect(queued).ToContainTextAsync("clara");
        await editor.ScreenshotAsync(new() { Path = BrowserSite.ScreenshotPath("review-queue.png"), FullPage = true });
        await queued.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(editor.Locator("#review-note")).ToContainTextAsync("wartet auf Prüfung");
        await editor.GetByLabel("Kommentar zur Prüfung").FillAsync("Danke, gut recherchiert.");
        await Expect(editor.Locator("#preview-pane h1")).ToHaveTextAsync("Stadtrat beschließt neue Radwege");
        await editor.ScreenshotAsync(new() { Path = BrowserSite.ScreenshotPath("review-approve.png"), FullPage = true });
        await editor.GetByRole(AriaRole.Button, new() { Name = "Freigeben und veröffentlichen" }).ClickAsync();
        await Expect(editor.Locator(".notice--success")).ToContainTextAsync("Veröffentlicht");

        await editor.GetByRole(AriaRole.Link, new() { Name = "Öffentliche Seite ansehen" }).ClickAsync();
        await Expect(editor).ToHaveURLAsync(new Regex("/artikel/stadtrat-beschliesst-neue-radwege$"));
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Stadtrat beschließt neue Radwege");
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Name = "Wo gebaut wird" })).ToBeVisibleAsync();
        await editorContext.CloseAsync();
        Assert.Empty(violations);
    }
}
