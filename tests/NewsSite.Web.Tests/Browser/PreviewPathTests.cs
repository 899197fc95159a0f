using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using static Microsoft.Playwright.Assertions;

namespace NewsSite.Web.Tests.Browser;

/// <summary>
/// A preview link in Chromium, as a newsroom uses it: an editor writes a co-authored draft, makes a link, and a person
/// without an account opens it and reads the draft under the banner; once the article is published the same link
/// leads to the article. No page may report a CSP violation.
/// </summary>
public class PreviewPathTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Password = "vorschau-fuer-die-quelle-2025";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static List<string> WatchForViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{page.Url}: {message.Text}");
            }
        };
        return violations;
    }

    [Fact]
    public async Task AnEditorSendsAPreviewLink_SomeoneWithoutAnAccountReadsTheDraft_AndAfterPublishingTheLinkLeadsToTheArticle()
    {
        var accounts = site.Services.GetRequiredService<AccountService>();
        if (await accounts.FindByNameAsync("paula", Token) is null)
        {
            await accounts.CreateAsync("paula", UserRole.Editor, Password, Token);
        }

        var editorContext = await site.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "de-DE" });
        var editor = await editorContext.NewPageAsync();
        var violations = WatchForViolations(editor);
        await editor.GotoAsync(site.BaseUrl + "/admin/anmelden");
        await editor.GetByLabel("Name").FillAsync("paula");
        await editor.GetByLabel("Passwort").FillAsync(Password);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await Expect(editor.Locator("h1.page-title")).ToBeVisibleAsync();

        await editor.GotoAsync(site.BaseUrl + "/admin/artikel/neu");
        await editor.GetByLabel("Titel", new() { Exact = true }).FillAsync("Hafen bekommt neue Kräne");
        await editor.Locator("#author").FillAsync("Paula Brandt, Jonas Weber");
        await editor.Locator("#body").FillAsync("Der Hafen stellt im Herbst vier neue Containerkräne auf.\n\n## Was sich ändert\n\nSchiffe werden schneller entladen.");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Als Entwurf speichern" }).ClickAsync();
        await Expect(editor.Locator(".notice--success")).ToBeVisibleAsync();

        await editor.GetByRole(AriaRole.Link, new() { Name = "Vorschau-Links" }).ClickAsync();
        await editor.GetByLabel("Gültig für").SelectOptionAsync("7");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Vorschau-Link erstellen" }).ClickAsync();
        var link = await editor.Locator("#new-link").InputValueAsync();
        // The link names the site's public address (Site:BaseUrl); here the same path is opened on the test server.
        var path = Assert.Single(Regex.Matches(link, "^https?://[^/]+(/vorschau/[A-Za-z0-9_-]{43})$")).Groups[1].Value;
        await Expect(editor.Locator("#preview-links tbody tr")).ToContainTextAsync("aktiv");
        await editor.ScreenshotAsync(new() { Path = BrowserSite.ScreenshotPath("preview-links.png"), FullPage = true });

        // Someone quoted in the article, with no account and no cookie of ours, opens the link.
        var guestContext = await site.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "de-DE" });
        var guest = await guestContext.NewPageAsync();
        violations.AddRange(WatchForViolations(guest));
        var response = await guest.GotoAsync(site.BaseUrl + path);
        Assert.Equal(200, response!.Status);
        await Expect(guest.Locator(".preview-banner")).ToContainTextAsync("Vorschau");
        await Expect(guest.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hafen bekommt neue Kräne");
        await Expect(guest.Locator(".byline").First).ToContainTextAsync("Paula Brandt und Jonas Weber");
        Assert.Equal("noindex, nofollow", await guest.Locator("meta[name=robots]").GetAttributeAsync("content"));
        await guest.ScreenshotAsync(new() { Path = BrowserSite.ScreenshotPath("preview-page.png"), FullPage = true });

        // Published: the same link now leads to the article itself.
        await editor.GetByRole(AriaRole.Link, new() { Name = "Zurück zum Artikel" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen", Exact = true }).ClickAsync();
        await Expect(editor.Locator(".notice--success")).ToContainTextAsync("Veröffentlicht");
        await guest.GotoAsync(site.BaseUrl + path);
        await Expect(guest).ToHaveURLAsync(new Regex("/artikel/hafen-bekommt-neue-kraene$"));
        await Expect(guest.Locator(".preview-banner")).ToHaveCountAsync(0);
        await Expect(guest.Locator(".byline").First).ToContainTextAsync("Paula Brandt und Jonas Weber");

        await guestContext.CloseAsync();
        await editorContext.CloseAsync();
        Assert.Empty(violations);
    }
}
