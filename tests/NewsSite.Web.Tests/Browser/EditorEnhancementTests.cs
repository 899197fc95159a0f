using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Pictures;
using static Microsoft.Playwright.Assertions;

namespace NewsSite.Web.Tests.Browser;

/// <summary>
/// The editor as a person uses it in Chromium, with its scripts (autosave, live preview, pictures by drag and drop)
/// and without: nothing typed is lost, and every task also works with JavaScript off. Each test has its own editor,
/// because autosaves belong to an editor and an article. No page may report a Content-Security-Policy violation.
/// </summary>
public class EditorEnhancementTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private const string Password = "nichts-geht-verloren-2025";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<(IBrowserContext Context, IPage Page, List<string> Violations)> OpenAsync(string editor, bool javaScript = true, int width = 1280)
    {
        var accounts = site.Services.GetRequiredService<AccountService>();
        if (await accounts.FindByNameAsync(editor, Token) is null)
        {
            await accounts.CreateAsync(editor, UserRole.Editor, Password, Token);
        }

        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "de-DE",
            JavaScriptEnabled = javaScript,
        });
        var page = await context.NewPageAsync();
        var violations = Watch(page);
        await LogInAsync(page, editor, "/admin");
        return (context, page, violations);
    }

    private static List<string> Watch(IPage page)
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

    private async Task LogInAsync(IPage page, string editor, string? path)
    {
        if (path is not null)
        {
            await page.GotoAsync(site.BaseUrl + "/admin/anmelden?returnUrl=" + Uri.EscapeDataString(path));
        }

        await page.GetByLabel("Name").FillAsync(editor);
        await page.GetByLabel("Passwort").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        // The page's own title: an edit page with JavaScript also has the live preview's article heading.
        await Expect(page.Locator("h1.page-title")).ToBeVisibleAsync();
    }

    /// <summary>The seeded article's edit page (the site starts with content/; other tests add articles of their own).</summary>
    private async Task<string> OpenSeedArticleAsync(IPage page)
    {
        await page.GotoAsync(site.BaseUrl + "/admin?status=");
        await page.Locator(".admin-table tbody td:first-child a", new() { HasText = "Warnstreiks legen Nahverkehr" }).ClickAsync();
        await Expect(page.Locator("form#editor")).ToBeVisibleAsync();
        return new Uri(page.Url).AbsolutePath;
    }

    private static async Task TypeAtTheEndAsync(IPage page, string text)
    {
        await page.Locator("#body").ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(text);
    }

    [Fact]
    public async Task TypedText_IsAutosaved_AndOfferedWithADiff_AfterThePageWasClosed_EvenInAnotherBrowser()
    {
        var (context, page, violations) = await OpenAsync("autosave");
        var editUrl = await OpenSeedArticleAsync(page);
        var original = await page.Locator("#body").InputValueAsync();

        await TypeAtTheEndAsync(page, "\n\nEin Absatz, der nicht verloren geht.");
        await Expect(page.Locator("#editor-status")).ToContainTextAsync("Automatisch gespeichert", new() { Timeout = 20_000 });
        await page.CloseAsync(new() { RunBeforeUnload = false });

        // Another browser: nothing kept locally, so what is offered comes from the server.
        await using var other = await site.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "de-DE" });
        var again = await other.NewPageAsync();
        violations.AddRange(Watch(again));
        await LogInAsync(again, "autosave", editUrl);
        await Expect(again.Locator("#body")).ToHaveValueAsync(original);
        var offer = again.Locator("[data-server-autosave]");
        await Expect(offer).ToContainTextAsync("automatisch gespeicherte Fassung");
        await Expect(offer.Locator(".diff__added", new() { HasText = "Ein Absatz, der nicht verloren geht." })).ToHaveCountAsync(1);
        await again.ScreenshotAsync(new() { Path = BrowserSite.ScreenshotPath("editor-autosave-offer.png"), FullPage = true });

        await offer.GetByRole(AriaRole.Link, new() { Name = "Wiederherstellen" }).ClickAsync();
        await Expect(again.Locator("#body")).ToHaveValueAsync(new Regex("Ein Absatz, der nicht verloren geht\\.$"));
        await again.GetByRole(AriaRole.Button, new() { Name = "Änderungen veröffentlichen" }).ClickAsync();
        await Expect(again.Locator(".notice--success")).ToContainTextAsync("Veröffentlicht");

        // Saved: the autosave is done with and not offered again.
        await again.GotoAsync(site.BaseUrl + editUrl);
        await Expect(again.Locator("[data-server-autosave]")).ToHaveCountAsync(0);
        await context.CloseAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task ASaveAfterTheSessionEndedInAnotherTab_KeepsTheText_AndLoggingInBringsItBack()
    {
        var (context, page, violations) = await OpenAsync("zweitab");
        await page.GotoAsync(site.BaseUrl + "/admin/artikel/neu");
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Sitzung endet mitten im Satz");
        await page.Locator("#body").ClickAsync();
        await page.Keyboard.TypeAsync("Dieser Text darf nicht verloren gehen.");

        var second = await context.NewPageAsync();
        await second.GotoAsync(site.BaseUrl + "/admin");
        await second.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await Expect(second).ToHaveURLAsync(new Regex("/admin/anmelden|/$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Als Entwurf speichern" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/anmelden"));
        await LogInAsync(page, "zweitab", path: null);
        await Expect(page).ToHaveURLAsync(new Regex("/admin/artikel/neu$"));

        var offer = page.Locator("#autosave-offer");
        await Expect(offer).ToContainTextAsync("Ungespeicherte Fassung gefunden");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Wiederherstellen" }).ClickAsync();
        await Expect(page.GetByLabel("Titel", new() { Exact = true })).ToHaveValueAsync("Sitzung endet mitten im Satz");
        await Expect(page.Locator("#body")).ToHaveValueAsync("Dieser Text darf nicht verloren gehen.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Als Entwurf speichern" }).ClickAsync();
        await Expect(page.Locator(".notice--success")).ToContainTextAsync("Entwurf");
        await Expect(page.Locator("#body")).ToHaveValueAsync("Dieser Text darf nicht verloren gehen.");
        await context.CloseAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task LeavingWithUnsavedChanges_AsksFirst_AndStayingKeepsTheText()
    {
        var (context, page, violations) = await OpenAsync("verlassen");
        var editUrl = await OpenSeedArticleAsync(page);
        await TypeAtTheEndAsync(page, "\n\nNoch nicht gespeichert.");

        var asked = new TaskCompletionSource<string>();
        page.Dialog += async (_, dialog) =>
        {
            asked.TrySetResult(dialog.Type);
            await dialog.DismissAsync();
        };
        await page.Locator("header nav").GetByRole(AriaRole.Link, new() { Name = "Artikel", Exact = true }).ClickAsync();

        Assert.Equal("beforeunload", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10), Token));
        Assert.EndsWith(editUrl, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Expect(page.Locator("#body")).ToHaveValueAsync(new Regex("Noch nicht gespeichert\\.$"));
        await context.CloseAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task APictureDroppedOnTheText_IsUploaded_AndInsertedAtTheCursor_WithItsWords()
    {
        var (context, page, violations) = await OpenAsync("bilder");
        await page.GotoAsync(site.BaseUrl + "/admin/artikel/neu");
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Die Brücke ist offen");
        await page.Locator("#body").FillAsync("Erster Absatz.\n\nZweiter Absatz.");
        await page.Locator("#body").EvaluateAsync("body => { body.focus(); body.setSelectionRange(16, 16); }");

        var picture = Convert.ToBase64String(TestPictures.Jpeg(640, 480));
        await page.EvaluateAsync(
            """
            picture => {
              const bytes = Uint8Array.from(atob(picture), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], 'bruecke.jpg', { type: 'image/jpeg' }));
              const body = document.getElementById('body');
              body.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
              body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """, picture);

        var dialog = page.Locator("#picture-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Bildbeschreibung (Alternativtext)").FillAsync("Die neue Brücke über den Rhein");
        await dialog.GetByLabel("Bildunterschrift").FillAsync("Am Eröffnungstag");
        await dialog.GetByLabel("Foto (Urheber)").FillAsync("Anna Berger");
        await page.ScreenshotAsync(new() { Path = BrowserSite.ScreenshotPath("editor-picture-dialog.png") });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Einfügen" }).ClickAsync();

        await Expect(page.Locator("#body")).ToHaveValueAsync(new Regex(
            "^Erster Absatz\\.\n\n!\\[Die neue Brücke über den Rhein\\]\\(/bilder/[0-9a-f]{32}\\.jpg \"Am Eröffnungstag – Foto: Anna Berger\"\\)\n\nZweiter Absatz\\.$"));
        var figure = page.Locator("#preview-pane figure");
        await Expect(figure.Locator("img")).ToHaveAttributeAsync("alt", "Die neue Brücke über den Rhein");
        await Expect(figure.Locator(".figure__credit")).ToHaveTextAsync("Foto: Anna Berger");
        await context.CloseAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task ThePreview_FollowsTheTyping_WithWordCountAndSocialCard()
    {
        var (context, page, violations) = await OpenAsync("vorschau");
        await page.GotoAsync(site.BaseUrl + "/admin/artikel/neu");
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Live-Vorschau im Test");
        await page.GetByLabel("Zusammenfassung").FillAsync("Was eine geteilte Seite zeigt.");
        await page.Locator("#body").ClickAsync();
        await page.Keyboard.TypeAsync("Eins zwei drei vier fünf.\n\n## Mehr dazu");

        var pane = page.Locator("#preview-pane");
        await Expect(pane.Locator("h1")).ToHaveTextAsync("Live-Vorschau im Test");
        await Expect(pane.Locator("h2")).ToContainTextAsync("Mehr dazu");
        await Expect(pane.Locator(".preview__stats")).ToContainTextAsync("7 Wörter");
        await Expect(pane).ToContainTextAsync("Was eine geteilte Seite zeigt.");
        await page.ScreenshotAsync(new() { Path = BrowserSite.ScreenshotPath("editor-1280.png"), FullPage = true });

        await page.Keyboard.TypeAsync(" und noch mehr");
        await Expect(pane.Locator("h2")).ToContainTextAsync("Mehr dazu und noch mehr");
        await context.CloseAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task CtrlS_SavesWithoutLeavingTheEditor()
    {
        var (context, page, violations) = await OpenAsync("tastatur");
        await page.GotoAsync(site.BaseUrl + "/admin/artikel/neu");
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Gespeichert per Tastatur");
        await page.Locator("#body").FillAsync("Ein Satz.");
        await page.Keyboard.PressAsync("Control+s");

        await Expect(page.Locator(".notice--success")).ToContainTextAsync("Entwurf");
        await Expect(page).ToHaveURLAsync(new Regex("/admin/artikel/\\d+"));
        await context.CloseAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task WithoutJavaScript_TheWholeAdminWorks_WriteConfirmUnpublishTrashAndPictures()
    {
        var (context, page, violations) = await OpenAsync("ohnejs", javaScript: false);

        // Write and publish a new article; the body was empty of samples.
        await page.GotoAsync(site.BaseUrl + "/admin/artikel/neu");
        Assert.Equal("", await page.Locator("#body").InputValueAsync());
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Ganz ohne Skript");
        await page.GetByLabel("Tags").FillAsync("Stadt, Verkehr");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("Ein Artikel, geschrieben ohne JavaScript.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vorschau" }).ClickAsync();
        await Expect(page.Locator("#preview-pane h1")).ToHaveTextAsync("Ganz ohne Skript");
        await page.GetByRole(AriaRole.Button, new() { Name = "Veröffentlichen" }).ClickAsync();
        await Expect(page.Locator(".notice--success")).ToContainTextAsync("Veröffentlicht");

        // A picture through the form's own upload field, then chosen as lead picture from the library.
        var file = Path.Combine(Path.GetTempPath(), $"ohnejs-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(file, TestPictures.Jpeg(800, 600), Token);
        await page.GetByLabel("PNG, JPEG, WebP oder GIF").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bild hochladen" }).ClickAsync();
        await Expect(page.Locator("#image-markdown")).ToHaveValueAsync(new Regex("^!\\[.*\\]\\(/bilder/[0-9a-f]{32}\\.jpg\\)"));
        await page.Locator("[data-lead-picker] input[name='PickedImage']").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Als Aufmacherbild übernehmen" }).ClickAsync();
        await Expect(page.Locator("#image")).ToHaveValueAsync(new Regex("^/bilder/[0-9a-f]{32}\\.jpg$"));
        await page.Locator("#image-alt").FillAsync("Ein Farbverlauf");
        await page.GetByRole(AriaRole.Button, new() { Name = "Änderungen veröffentlichen" }).ClickAsync();
        await Expect(page.Locator(".notice--success")).ToContainTextAsync("Veröffentlicht (Version 2)");

        // Unpublish asks on a second page, and so does the trash.
        await page.GetByRole(AriaRole.Button, new() { Name = "Zurückziehen (als Entwurf)" }).ClickAsync();
        await Expect(page.Locator(".confirm")).ToContainTextAsync("Wirklich zurückziehen?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, zurückziehen" }).ClickAsync();
        await Expect(page.Locator(".notice--success")).ToContainTextAsync("Entwurf");
        await page.GetByRole(AriaRole.Button, new() { Name = "In den Papierkorb" }).ClickAsync();
        await Expect(page.Locator(".confirm")).ToContainTextAsync("Wirklich in den Papierkorb");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, in den Papierkorb" }).ClickAsync();
        await Expect(page.Locator(".notice--success")).ToContainTextAsync("Papierkorb");

        // The picture library: upload, describe, see where a picture is used.
        await page.GotoAsync(site.BaseUrl + "/admin/bilder");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Bilder");
        await Expect(page.Locator(".picture-grid img").First).ToBeVisibleAsync();
        foreach (var path in new[] { "/admin", "/admin/hochladen", "/admin/konto", "/admin/bilder" })
        {
            var response = await page.GotoAsync(site.BaseUrl + path);
            Assert.Equal(200, response!.Status);
        }

        await context.CloseAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task TheEditor_FitsAPhone_AndShowsItsPreviewBelowTheText()
    {
        var (context, page, violations) = await OpenAsync("telefon", width: 375);
        await page.GotoAsync(site.BaseUrl + "/admin/artikel/neu");
        await page.GetByLabel("Titel", new() { Exact = true }).FillAsync("Vom Telefon aus");
        await page.Locator("#body").FillAsync("Kurz notiert.");
        await Expect(page.Locator("#preview-pane h1")).ToHaveTextAsync("Vom Telefon aus");

        var scrollWidth = await BrowserSite.SettledScrollWidthAsync(page);
        await page.ScreenshotAsync(new() { Path = BrowserSite.ScreenshotPath("editor-375.png"), FullPage = true });
        Assert.True(scrollWidth <= 375, $"Seite ist {scrollWidth}px breit");
        await context.CloseAsync();
        Assert.Empty(violations);
    }
}
