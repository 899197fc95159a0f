using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Web.Accounts;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

public class RevisionAndImageTests
{
    private const string Form = "form#editor";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // The smallest valid PNG: signature, IHDR (1×1), IDAT, IEND.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static string Source(string title, string body) => $"---\ntitle: \"{title}\"\ntags: [Test]\n---\n\n{body}\n";

    private static async Task<string> CreateAsync(AdminClient editor, string markdown)
    {
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(markdown), "Veröffentlichen");
        return saved.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task EverySave_IsARevision_WithALineDiffBetweenAnyTwo()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Versioniert", "Zeile eins.\n\nZeile zwei."));
        await editor.SubmitAsync(editUrl, Form, EditorSource.Form(Source("Versioniert", "Zeile eins.\n\nZeile ZWEI.\n\nZeile drei.")), "Änderungen veröffentlichen");

        var (response, page) = await editor.GetAsync(editUrl + "/versionen");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, page.QuerySelectorAll(".admin-table__revision").Length);
        Assert.Contains("Unterschiede von Version 1 zu Version 2", page.QuerySelector("#diff-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Zeile zwei."], page.QuerySelectorAll(".diff__removed .diff__text").Select(c => c.TextContent));
        Assert.Contains("Zeile ZWEI.", page.QuerySelectorAll(".diff__added .diff__text").Select(c => c.TextContent));
        Assert.Contains("Zeile drei.", page.QuerySelectorAll(".diff__added .diff__text").Select(c => c.TextContent));

        var (reverse, reversePage) = await editor.GetAsync(editUrl + "/versionen?von=2&bis=1");
        Assert.Equal(HttpStatusCode.OK, reverse.StatusCode);
        Assert.Equal(["Zeile zwei."], reversePage.QuerySelectorAll(".diff__added .diff__text").Select(c => c.TextContent));
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync(editUrl + "/versionen?von=1&bis=9")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.GetAsync(editUrl + "/versionen?von=abc")).Response.StatusCode);
    }

    [Fact]
    public async Task AOneWordEdit_IsMarkedAsThatWord_InTheVersionDiff()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Ein Wort", "Der Rat tagte am Montag im <Rathaus> und beschloss den Haushalt."));
        await editor.SubmitAsync(editUrl, Form, EditorSource.Form(Source("Ein Wort", "Der Rat tagte am Dienstag im <Rathaus> und beschloss den Haushalt.")), "Änderungen veröffentlichen");

        var (_, page) = await editor.GetAsync(editUrl + "/versionen");

        var removed = Assert.Single(page.QuerySelectorAll(".diff__removed .diff__text"));
        // Republishing also adds the „updated:“ line (decision 0019); the body's line is the one compared word by word.
        var added = Assert.Single(page.QuerySelectorAll(".diff__added .diff__text"), c => c.TextContent.Contains("Rathaus", StringComparison.Ordinal));
        Assert.Equal(["Montag"], removed.QuerySelectorAll("del.diff__word").Select(e => e.TextContent));
        Assert.Equal(["Dienstag"], added.QuerySelectorAll("ins.diff__word").Select(e => e.TextContent));
        Assert.Equal("Der Rat tagte am Dienstag im <Rathaus> und beschloss den Haushalt.", added.TextContent); // the rest is text, escaped
        Assert.Empty(added.QuerySelectorAll("rathaus"));
    }

    [Fact]
    public async Task RestoringAnOldRevision_MakesItTheNewest_AndKeepsTheOthers()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Zurück", "Der erste Stand."));
        await editor.SubmitAsync(editUrl, Form, EditorSource.Form(Source("Zurück", "Ein Fehler.")), "Änderungen veröffentlichen");
        Assert.Equal("Ein Fehler.", (await site.GetPageAsync("/artikel/zurueck")).Document.QuerySelector(".article__body p")!.TextContent);

        var (restored, _) = await editor.SubmitAsync(editUrl + "/versionen", "form:has(input[name='number'][value='1'])");
        var (_, editPage) = await editor.FollowAsync(restored);

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("Version 1 ist wiederhergestellt und jetzt die aktuelle Fassung (Version 3)", editPage.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Der erste Stand.", (await site.GetPageAsync("/artikel/zurueck")).Document.QuerySelector(".article__body p")!.TextContent);
        var (_, revisions) = await editor.GetAsync(editUrl + "/versionen");
        Assert.Equal(3, revisions.QuerySelectorAll(".admin-table__revision").Length);
        Assert.Contains("wiederhergestellt: Version 1", revisions.QuerySelector(".admin-table__revision")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_IsStoredByItsHash_ServedWithALongCacheLifetime_AndTheMarkdownIsOffered()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Mit Bild", "Text."));
        var (_, form) = await editor.GetAsync(editUrl);
        var unsaved = form.QuerySelector("#body")!.TextContent.Trim() + "\n\nNoch nicht gespeichert.";

        var (response, page) = await editor.SubmitAsync(form, editUrl, Form, new() { ["Body"] = unsaved }, "Bild hochladen",
            new() { ["image"] = [new FormFile("Rathaus [Nacht].png", Png, "image/png")] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snippet = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#image-markdown")!.Value;
        Assert.Matches(@"^!\[Bildbeschreibung\]\(/bilder/[0-9a-f]{32}\.png\)$", snippet);
        Assert.Equal(unsaved, page.QuerySelector("#body")!.TextContent.Trim()); // the editor's text survives the upload
        Assert.Single(Directory.GetFiles(Path.Combine(site.DataDirectory, "images")));

        var url = snippet[(snippet.IndexOf('(', StringComparison.Ordinal) + 1)..^1];
        using var client = site.CreateClient();
        var image = await client.GetAsync(new Uri(url.ToString(), UriKind.Relative), Token);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync(Token));
        Assert.Contains("max-age=31536000", image.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("immutable", image.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("script.png", "<svg onload=alert(1)></svg>", "kein Bild im Format PNG, JPEG, WebP oder GIF")]
    [InlineData("leer.png", "", "Bitte zuerst eine Bilddatei auswählen")]
    public async Task NotAnImage_IsRefusedByItsBytes(string fileName, string content, string message)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Ohne Bild", "Text."));

        var (response, page) = await editor.SubmitAsync(editUrl, Form, button: "Bild hochladen",
            files: new() { ["image"] = [new FormFile(fileName, System.Text.Encoding.UTF8.GetBytes(content), "image/png")] });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("#edit-error")!.TextContent, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(site.DataDirectory, "images")) && Directory.GetFiles(Path.Combine(site.DataDirectory, "images")).Length > 0);
    }

    [Fact]
    public async Task TooLargeImage_IsRefused()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder())
        {
            Settings = new Dictionary<string, string?> { ["NewsSite:MaxImageBytes"] = "2048" },
        };
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Großes Bild", "Text."));

        var (response, page) = await editor.SubmitAsync(editUrl, Form, button: "Bild hochladen",
            files: new() { ["image"] = [new FormFile("gross.png", [.. Png, .. new byte[4096]], "image/png")] });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Das Bild ist zu groß", page.QuerySelector("#edit-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminsManageAccounts_ThroughTheirForms()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var admin = await AdminClient.LoginAsync(site, "chefin", UserRole.Admin);

        var (added, _) = await admin.SubmitAsync("/admin/konten", "form[action='/admin/konten?handler=Add']",
            new() { ["name"] = "Neu.Ling", ["role"] = "editor", ["password"] = "ein-startpasswort-123" });
        var (duplicate, duplicatePage) = await admin.SubmitAsync("/admin/konten", "form[action='/admin/konten?handler=Add']",
            new() { ["name"] = "neu.ling", ["role"] = "editor", ["password"] = "ein-startpasswort-123" });
        var (badName, badNamePage) = await admin.SubmitAsync("/admin/konten", "form[action='/admin/konten?handler=Add']",
            new() { ["name"] = "<script>", ["role"] = "editor", ["password"] = "ein-startpasswort-123" });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Contains("Es gibt bereits ein Konto „neu.ling“", duplicatePage.QuerySelector(".notice--error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badName.StatusCode);
        Assert.Contains("nur Buchstaben a–z", badNamePage.QuerySelector(".notice--error")!.TextContent, StringComparison.Ordinal);

        using var newcomer = new AdminClient(site);
        var (login, _) = await newcomer.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = "neu.ling", ["password"] = "ein-startpasswort-123" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var (removed, _) = await admin.SubmitAsync("/admin/konten", "form:has(input[name='name'][value='neu.ling'])[action='/admin/konten?handler=Remove']");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await newcomer.GetAsync("/admin")).Response.StatusCode);
    }

    /// <summary>
    /// The self-check compared the posted name as typed: "CHEFIN" was not "chefin", and the last admin removed itself.
    /// Both spellings are refused now, beside the account's row, and the account stays.
    /// </summary>
    [Theory]
    [InlineData("chefin")]
    [InlineData("CHEFIN")]
    [InlineData(" Chefin ")]
    public async Task AnAdmin_CannotRemoveItself_WhateverTheSpelling(string spelled)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var admin = await AdminClient.LoginAsync(site, "chefin", UserRole.Admin);
        await AdminClient.EnsureAccountAsync(site, "erika");

        // Not the last admin: what refuses here is the rule against removing oneself.
        await AdminClient.EnsureAccountAsync(site, "zweite", UserRole.Admin);
        var (_, page) = await admin.GetAsync("/admin/konten");

        // The page offers no such button; a forged post (with a valid token) names the admin itself.
        var form = page.QuerySelector("form[action='/admin/konten?handler=Remove']")!;
        var (refused, refusedPage) = await admin.SubmitAsync(page, "/admin/konten", "form[action='/admin/konten?handler=Remove']",
            new() { ["name"] = spelled });

        Assert.NotNull(form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Das eigene Konto kann man nicht selbst löschen", refusedPage.QuerySelector("#account-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(await site.Services.GetRequiredService<AccountService>().FindByNameAsync("chefin", Token));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/konten")).Response.StatusCode);
    }

    [Theory]
    [InlineData("Role", "niemand", "editor", "Es gibt kein Konto „niemand“.")]
    [InlineData("Role", "", "editor", "Der Name darf nur Buchstaben")]
    [InlineData("Role", "chefin", "kaiser", "Bitte eine Rolle wählen")]
    [InlineData("Remove", "niemand", "", "Es gibt kein Konto „niemand“.")]
    [InlineData("Password", "niemand", "", "Das Passwort muss mindestens 12 Zeichen lang sein.")]
    public async Task AccountActions_WithForgedValues_Get422AndAGermanMessage(string handler, string name, string role, string message)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var admin = await AdminClient.LoginAsync(site, "chefin", UserRole.Admin);
        await AdminClient.EnsureAccountAsync(site, "erika");

        var (response, page) = await admin.SubmitAsync("/admin/konten", $"form[action='/admin/konten?handler={handler}']",
            new() { ["name"] = name, ["role"] = role, ["password"] = "" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, page.QuerySelector(".notice--error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, (await site.Services.GetRequiredService<AccountService>().ListAsync(Token)).Count);
    }

    [Fact]
    public async Task TheLastAdmin_CannotBeMadeAnEditor_AndIsToldWhyBesideItsRow()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var admin = await AdminClient.LoginAsync(site, "chefin", UserRole.Admin);
        const string ownRoleForm = "form:has(input[name='name'][value='chefin'])[action='/admin/konten?handler=Role']";

        var (refused, page) = await admin.SubmitAsync("/admin/konten", ownRoleForm, new() { ["role"] = "editor" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var error = page.QuerySelector("#account-error")!;
        Assert.Contains("„chefin“ ist das letzte Administratorkonto und bleibt Administrator", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("account-error", page.QuerySelector(ownRoleForm + " select")!.GetAttribute("aria-describedby"));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/konten")).Response.StatusCode);

        // With a second admin, the first may step down (and its session ends with its old rights).
        await AdminClient.EnsureAccountAsync(site, "zweite", UserRole.Admin);
        var (stepped, _) = await admin.SubmitAsync("/admin/konten", ownRoleForm, new() { ["role"] = "editor" });
        Assert.Equal(HttpStatusCode.Redirect, stepped.StatusCode);
        Assert.Equal(UserRole.Editor, (await site.Services.GetRequiredService<AccountService>().FindByNameAsync("chefin", Token))!.Role);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/admin/konten")).Response.StatusCode);
    }
}
