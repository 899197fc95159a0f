using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>Writing and editing through the real edit form: preview, publish, schedule, unpublish, trash, conflicts, slugs.</summary>
public class EditTests
{
    private const string Form = "form#editor";

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Source(string title, string body = "Erster Absatz.\n\n## Mehr dazu\n\nZweiter Absatz.", string extra = "") =>
        $"---\ntitle: \"{title}\"\nauthor: Erika Muster\ntags: [Verkehr, Köln]\n{extra}---\n\n{body}\n";

    private static NewsSiteFactory Site(TestClock? clock = null) => new(NewsSiteFactory.ContentFolder(), clock: clock ?? new TestClock(Now));

    /// <summary>Writes a new article through the form and returns its edit page address.</summary>
    private static async Task<string> CreateAsync(AdminClient editor, string markdown, string button = "Veröffentlichen")
    {
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(markdown), button);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return saved.Headers.Location!.OriginalString;
    }

    private static string Notice(IDocument page) => page.QuerySelector(".notice")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task NewArticle_Published_AppearsWithItsDateInTheSource()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var editUrl = await CreateAsync(editor, Source("Neue Radwege"));
        var (_, editPage) = await editor.GetAsync(editUrl);

        Assert.Matches(@"^/admin/artikel/\d+$", editUrl);
        Assert.Contains("Veröffentlicht (Version 1) unter /artikel/neue-radwege", Notice(editPage), StringComparison.Ordinal);
        Assert.Equal("2025-06-01T12:00", editPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#date")!.Value);
        var (response, article) = await site.GetPageAsync("/artikel/neue-radwege");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Erika Muster", article.QuerySelector(".byline__author")!.TextContent);
    }

    [Fact]
    public async Task Preview_RendersExactlyThePublicArticle_AndSavesNothing()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        var markdown = Source("Vorschau-Test", "Ein *Absatz* mit [Link](https://example.org).\n\n## Teil „zwei“\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        var (preview, page) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(markdown), "Vorschau");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewHtml = page.QuerySelector(".preview article")!.OuterHtml;
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/vorschau-test")).Response.StatusCode);

        var (published, _) = await editor.SubmitAsync(page, "/admin/artikel/neu", Form, button: "Veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var (_, article) = await site.GetPageAsync("/artikel/vorschau-test");

        Assert.Equal(article.QuerySelector("main article")!.OuterHtml, previewHtml);
    }

    [Fact]
    public async Task TheFormHasAFieldForEachValue_AndTheBodyAlone_AndKeepsWhatTheFileHasBeyondThem()
    {
        await using var site = new NewsSiteFactory(
            NewsSiteFactory.ContentFolder(("alt.md", "---\n# Aus dem alten System\ntitle: \"Alter Titel\"\nauthor: Erika Muster\nfeed-id: \"2024-02-03:artikel/9\"\n---\n\nAlter Text.\n")),
            clock: new TestClock(Now));
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await editor.EditUrlOfAsync("Alter Titel");
        var (_, page) = await editor.GetAsync(editUrl);

        // No front matter in the browser: the body is the text alone, each value is in its field.
        Assert.Equal("Alter Text.", page.QuerySelector("#body")!.TextContent.Trim());
        Assert.Equal("Erika Muster", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#author")!.Value);
        Assert.Null(page.QuerySelector("#markdown"));

        var (saved, _) = await editor.SubmitAsync(page, editUrl, Form, new()
        {
            ["Fields.Title"] = "Neuer Titel",
            ["Fields.Author"] = "Max Mustermann",
            ["Body"] = "Neuer Text.\n\n## Mehr\n\nNoch mehr.",
        }, "Änderungen veröffentlichen");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, article) = await site.GetPageAsync("/artikel/alter-titel");
        Assert.Equal("Neuer Titel", article.QuerySelector("h1")!.TextContent);
        Assert.Equal("Max Mustermann", article.QuerySelector(".byline__author")!.TextContent);
        Assert.Equal("Mehr", article.QuerySelector("article h2")!.TextContent.Trim());
        var id = long.Parse(editUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var stored = (await site.Services.GetRequiredService<NewsSite.Core.Articles.IEditorArticles>().FindForEditingAsync(id, Token))!.Markdown;
        Assert.StartsWith("---\n# Aus dem alten System\ntitle: \"Neuer Titel\"\nauthor: \"Max Mustermann\"\nfeed-id: \"2024-02-03:artikel/9\"\n", stored, StringComparison.Ordinal);
        Assert.EndsWith("---\n\nNeuer Text.\n\n## Mehr\n\nNoch mehr.\n", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TagsField_TakesCommaSeparatedTags_AndAFieldTitleOf2000CharactersIsRefused()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Mit Feldern"));

        var (tooLong, longPage) = await editor.SubmitAsync(editUrl, Form, new() { ["Fields.Title"] = new string('T', 2000) }, "Änderungen veröffentlichen");
        var (saved, _) = await editor.SubmitAsync(editUrl, Form, new() { ["Fields.Tags"] = "Umwelt, umwelt , Bahn" }, "Änderungen veröffentlichen");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Contains("Der Text ist zu lang (2000 Zeichen, höchstens 200)", longPage.QuerySelector("#title-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Titel", longPage.QuerySelector("#edit-error a[href='#title']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new string('T', 2000), longPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#title")!.Value);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, article) = await site.GetPageAsync("/artikel/mit-feldern");
        Assert.Equal(["Umwelt", "Bahn"], article.QuerySelectorAll(".tag-list a").Select(a => a.TextContent));
    }

    [Fact]
    public async Task ThreeMistakesInTheForm_AreReportedTogether_EachBesideItsField_AndTheTextStays()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await editor.SubmitAsync("/admin/artikel/neu", Form, new()
        {
            ["Fields.Title"] = "",
            ["Fields.Date"] = "2025-02-30T10:00",
            ["Fields.Image"] = "/bilder/gibt-es-nicht.jpg",
            ["Fields.ImageAlt"] = "",
            ["Body"] = "Mein wertvoller Text.",
        }, "Veröffentlichen");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        foreach (var field in new[] { "title", "date", "image-alt" })
        {
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector($"#{field}-error")?.TextContent), field + " ohne Fehlermeldung");
            Assert.Equal("true", page.QuerySelector("#" + field)!.GetAttribute("aria-invalid"));
            Assert.Contains(field + "-error", page.QuerySelector("#" + field)!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector($"#edit-error a[href='#{field}']"));
        }

        Assert.Contains("kein gültiges Datum", page.QuerySelector("#date-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Mein wertvoller Text.", page.QuerySelector("#body")!.TextContent.Trim());
        Assert.Equal("2025-02-30T10:00", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#date")!.Value);
        Assert.Equal(0, await site.Services.GetRequiredService<NewsSite.Core.Articles.IArticleStore>().CountAsync(Token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("Der erste Absatz erscheint als Anreißer auf der Startseite.\n\n## Zwischenüberschrift\n\nWeiterer Text …")]
    public async Task AnEmptyOrPlaceholderBody_IsNotPublished_ButMayBeSavedAsADraft(string body)
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        var (newPage, form) = await editor.GetAsync("/admin/artikel/neu");
        Assert.Equal("", form.QuerySelector("#body")!.TextContent.Trim()); // a placeholder attribute, no sample text
        Assert.False(string.IsNullOrEmpty(form.QuerySelector("#body")!.GetAttribute("placeholder")));

        var (refused, page) = await editor.SubmitAsync("/admin/artikel/neu", Form, new() { ["Fields.Title"] = "Nur ein Titel", ["Body"] = body }, "Veröffentlichen");
        var (draft, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, new() { ["Fields.Title"] = "Nur ein Titel", ["Body"] = body }, "Als Entwurf speichern");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Matches("Der Text (ist leer|besteht nur aus Platzhaltern)", page.QuerySelector("#body-error")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/nur-ein-titel")).Response.StatusCode);
    }

    [Fact]
    public async Task Schedule_ThenTimePasses_ThenItIsPublic()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site);
        await CreateAsync(editor, Source("Schon da"));

        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(Source("Kommt morgen"), new()
        {
            ["Fields.Date"] = "2025-06-02T08:00",
        }), "Veröffentlichen");
        var (_, editPage) = await editor.FollowAsync(saved);

        Assert.Contains("Geplant (Version 1): erscheint am 2. Juni 2025, 08:00 Uhr", Notice(editPage), StringComparison.Ordinal);
        Assert.Equal("Geplant", editPage.QuerySelector("h1 .status")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/kommt-morgen")).Response.StatusCode);
        Assert.DoesNotContain("Kommt morgen", (await site.GetPageAsync("/")).Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Kommt morgen", (await site.GetPageAsync("/thema/verkehr")).Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Kommt morgen", (await site.GetPageAsync("/artikel/schon-da")).Document.Body!.TextContent, StringComparison.Ordinal);

        clock.Now = new DateTimeOffset(2025, 6, 2, 6, 0, 1, TimeSpan.Zero); // 08:00:01 in Berlin
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/kommt-morgen")).Response.StatusCode);
        Assert.Contains("Kommt morgen", (await site.GetPageAsync("/artikel/schon-da")).Document.QuerySelector(".related")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublish_MakesItADraft_PublishBringsItBack()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Hin und her"));

        var (asked, askPage) = await editor.SubmitAsync(editUrl, Form, new() { ["Body"] = "Geändert, bevor es zurückgezogen wird." }, "Zurückziehen");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Wirklich zurückziehen?", askPage.QuerySelector("#confirm")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Geändert, bevor es zurückgezogen wird.", askPage.QuerySelector("#body")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/hin-und-her")).Response.StatusCode); // asked, not done
        var (unpublished, _) = await editor.SubmitAsync(askPage, editUrl, Form, button: "Ja, zurückziehen");
        var (_, afterUnpublish) = await editor.FollowAsync(unpublished);
        Assert.Equal("Entwurf", afterUnpublish.QuerySelector("h1 .status")!.TextContent);
        Assert.Equal("Geändert, bevor es zurückgezogen wird.", afterUnpublish.QuerySelector("#body")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/hin-und-her")).Response.StatusCode);

        var (published, _) = await editor.SubmitAsync(editUrl, Form, button: "Veröffentlichen");
        var (_, afterPublish) = await editor.FollowAsync(published);
        Assert.Equal("Veröffentlicht", afterPublish.QuerySelector("h1 .status")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/hin-und-her")).Response.StatusCode);
    }

    [Fact]
    public async Task Trash_HidesEverywhere_RestoreBringsItBack()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Wegwerfen"));

        var (askedTrash, _) = await editor.SubmitAsync(editUrl, "form.editor__trash");
        Assert.Equal(HttpStatusCode.OK, askedTrash.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/wegwerfen")).Response.StatusCode); // asked, not done
        var (trashed, _) = await editor.SubmitConfirmedAsync(editUrl, "form.editor__trash");
        Assert.Equal(HttpStatusCode.Redirect, trashed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/wegwerfen")).Response.StatusCode);
        Assert.Empty((await site.GetPageAsync("/")).Document.QuerySelectorAll(".teasers > li"));
        var (_, trashList) = await editor.GetAsync("/admin?status=papierkorb");
        Assert.Equal(["Wegwerfen"], trashList.QuerySelectorAll(".admin-table tbody td:first-child a").Select(a => a.TextContent));
        var (_, defaultList) = await editor.GetAsync("/admin");
        Assert.Empty(defaultList.QuerySelectorAll(".admin-table tbody tr"));

        var (restored, _) = await editor.SubmitAsync(editUrl, "form.editor__trash");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/wegwerfen")).Response.StatusCode);
    }

    [Fact]
    public async Task TwoEditorsSavingTheSameArticle_TheSecondIsToldAndLosesNothing()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site, "anna");
        using var bernd = await AdminClient.LoginAsync(site, "bernd");
        var editUrl = await CreateAsync(anna, Source("Gemeinsam"));
        var (_, annasForm) = await anna.GetAsync(editUrl);
        var (_, berndsForm) = await bernd.GetAsync(editUrl);

        var (first, _) = await anna.SubmitAsync(annasForm, editUrl, Form, new() { ["Fields.Title"] = "Annas Titel" }, "Änderungen veröffentlichen");
        var (second, conflictPage) = await bernd.SubmitAsync(berndsForm, editUrl, Form, new() { ["Fields.Title"] = "Bernds Titel" }, "Änderungen veröffentlichen");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("inzwischen von anna geändert (Version 2", conflictPage.QuerySelector("#edit-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Bernds Titel", conflictPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#title")!.Value);
        Assert.Equal("Annas Titel", (await site.GetPageAsync("/artikel/gemeinsam")).Document.QuerySelector("h1")!.TextContent);

        // Having seen the warning, Bernd saves again on purpose; Annas version stays in the history.
        var (third, _) = await bernd.SubmitAsync(conflictPage, editUrl, Form, button: "Änderungen veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        Assert.Equal("Bernds Titel", (await site.GetPageAsync("/artikel/gemeinsam")).Document.QuerySelector("h1")!.TextContent);
        var (_, revisions) = await bernd.GetAsync(editUrl + "/versionen");
        Assert.Equal(3, revisions.QuerySelectorAll(".admin-table__revision").Length);
    }

    [Fact]
    public async Task ChangedSlug_OldAddressAnswers301ToTheNewOne()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Umzug"));

        var (saved, _) = await editor.SubmitAsync(editUrl, Form, new() { ["Fields.Slug"] = "neue-adresse" }, "Änderungen veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var (old, _) = await site.GetPageAsync("/artikel/umzug");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/artikel/neue-adresse", old.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/neue-adresse")).Response.StatusCode);

        // The old address stays reserved for this article: nobody else can take it over.
        var (taken, takenPage) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(Source("Umzug")), "Veröffentlichen");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("/artikel/umzug", takenPage.QuerySelector("#edit-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImportedFeedId_SurvivesANewTitleAndSlugInTheEditor_AndCannotBeEditedAway()
    {
        await using var site = new NewsSiteFactory(
            NewsSiteFactory.ContentFolder(("alt.md", Source("Von der alten Seite", extra: "date: 2025-05-01\nfeed-id: \"2024-02-03:artikel/9\"\n"))),
            clock: new TestClock(Now));
        using var editor = await AdminClient.LoginAsync(site);
        async Task<string> GuidAsync(string slug)
        {
            var rss = FeedResponses.ParseXml(await (await site.SendAsync("/rss.xml")).BytesAsync()).Root!;
            return rss.Descendants("item").Single(i => i.Element("link")!.Value.EndsWith("/artikel/" + slug, StringComparison.Ordinal)).Element("guid")!.Value;
        }

        Assert.Equal("tag:nachrichten.example,2024-02-03:artikel/9", await GuidAsync("von-der-alten-seite"));
        var editUrl = await editor.EditUrlOfAsync("Von der alten Seite");

        var (saved, _) = await editor.SubmitAsync(editUrl, Form,
            new() { ["Fields.Title"] = "Neu benannt", ["Fields.Slug"] = "neu-benannt" }, "Änderungen veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("tag:nachrichten.example,2024-02-03:artikel/9", await GuidAsync("neu-benannt"));

        Assert.Equal("tag:nachrichten.example,2024-02-03:artikel/9", await GuidAsync("neu-benannt"));
    }

    [Fact]
    public async Task EditWithoutAntiforgeryToken_ChangesNothing()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor, Source("Geschützt"));

        using var forged = new FormUrlEncodedContent([new("Fields.Title", "Gefälscht"), new("Revision", "1")]);
        var response = await editor.Http.PostAsync(new Uri(editUrl + "?handler=Publish", UriKind.Relative), forged, Token);
        using var trash = new FormUrlEncodedContent([]);
        var trashResponse = await editor.Http.PostAsync(new Uri(editUrl + "?handler=Trash", UriKind.Relative), trash, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, trashResponse.StatusCode);
        var (page, article) = await site.GetPageAsync("/artikel/geschuetzt");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("Geschützt", article.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task UnknownArticle_Is404_NotAnError()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/admin/artikel/999999")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/admin/artikel/abc")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/admin/artikel/99999999999999999999999")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/admin/artikel/999999/versionen")).Response.StatusCode);
    }

    [Fact]
    public async Task AdminList_FiltersByStatusAndText_AndPages()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        await CreateAsync(editor, Source("Radweg am Rhein"));
        await CreateAsync(editor, Source("Entwurf über Brücken"), "Als Entwurf speichern");
        await CreateAsync(editor, Source("Prozent_100%"));

        static async Task<List<string>> Titles(AdminClient client, string query) =>
            (await client.GetAsync("/admin" + query)).Document.QuerySelectorAll(".admin-table tbody td:first-child a").Select(a => a.TextContent).ToList();

        Assert.Equal(3, (await Titles(editor, "")).Count);
        Assert.Equal(["Entwurf über Brücken"], await Titles(editor, "?status=entwurf"));
        Assert.Equal(["Radweg am Rhein"], await Titles(editor, "?q=rhein"));
        Assert.Equal(["Prozent_100%"], await Titles(editor, "?q=" + Uri.EscapeDataString("_100%")));
        Assert.Equal(["Prozent_100%"], await Titles(editor, "?q=" + Uri.EscapeDataString("%"))); // a literal %, no wildcard
        Assert.Empty(await Titles(editor, "?q=" + Uri.EscapeDataString("Rad_eg")));
        Assert.Equal(3, (await Titles(editor, "?q=" + Uri.EscapeDataString("Köln"))).Count); // by tag
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.GetAsync("/admin?status=gibtsnicht")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.GetAsync("/admin?seite=0")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync("/admin?seite=2")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/admin?q=" + new string('x', 5000))).Response.StatusCode);
    }
}

public class AdminFormTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPostForm_OnEveryAdminPage_CarriesAnAntiforgeryToken()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("a.md", "---\ntitle: A\ntags: [X]\n---\n\nText.")));
        using var admin = await AdminClient.LoginAsync(site, "chefin", NewsSite.Core.Accounts.UserRole.Admin);
        var id = (await admin.GetAsync("/admin")).Document.QuerySelector(".admin-table tbody a")!.GetAttribute("href")!;
        string[] pages = ["/admin", "/admin/artikel/neu", id, id + "/versionen", "/admin/hochladen", "/admin/konto", "/admin/konten", "/admin/abmelden", "/admin/autoren", "/admin/autoren/redaktion"];

        var forms = 0;
        foreach (var path in pages)
        {
            var (response, page) = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var form in page.QuerySelectorAll("form").Where(f => f.GetAttribute("method") == "post"))
            {
                forms++;
                Assert.True(form.QuerySelector("input[name=__RequestVerificationToken]") is not null, $"{path}: {form.OuterHtml[..Math.Min(200, form.OuterHtml.Length)]}");
            }
        }

        Assert.True(forms >= 10, $"nur {forms} Formulare gefunden");
    }

    [Fact]
    public async Task OverHttps_TheSessionCookieIsSecure()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var browser = new AdminClient(site);
        browser.Http.BaseAddress = new Uri("https://localhost");

        var (login, _) = await browser.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = "anna", ["password"] = AdminClient.Password });

        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("newssite_auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EachLogin_IsANewSession()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        await AdminClient.EnsureAccountAsync(site, "anna");
        using var browser = new AdminClient(site);

        static string SessionCookie(HttpResponseMessage response) =>
            response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("newssite_auth=", StringComparison.Ordinal)).Split(';')[0];

        var (first, _) = await browser.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = "anna", ["password"] = AdminClient.Password });
        var (second, _) = await browser.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = "anna", ["password"] = AdminClient.Password });

        Assert.NotEqual(SessionCookie(first), SessionCookie(second));
    }

    [Fact]
    public async Task AdminList_IsPaginated()
    {
        var files = Enumerable.Range(1, 30).Select(i => ($"a{i:D2}.md", $"---\ntitle: Artikel {i:D2}\ndate: 2025-01-{(i % 28) + 1:D2}\n---\n\nText.")).ToArray();
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(files));
        using var editor = await AdminClient.LoginAsync(site);

        var (_, first) = await editor.GetAsync("/admin");
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await editor.GetAsync(next);

        Assert.Equal(NewsSite.Web.Pages.Admin.IndexModel.PageSize, first.QuerySelectorAll(".admin-table tbody tr").Length);
        Assert.Equal("/admin?seite=2", next);
        Assert.Equal(30 - NewsSite.Web.Pages.Admin.IndexModel.PageSize, second.QuerySelectorAll(".admin-table tbody tr").Length);
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.Contains("Seite 2 von 2", second.QuerySelector(".pagination")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_OfHostileMarkdown_ShowsNothingActive()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        const string hostile = "---\ntitle: \"<script>alert(1)</script>\"\n---\n\n<script>alert(2)</script>\n\n[x](javascript:alert(3)) <img src=x onerror=alert(4)>";

        var (response, page) = await editor.SubmitAsync("/admin/artikel/neu", "form#editor", EditorSource.Form(hostile), "Vorschau");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = page.QuerySelector(".preview")!;
        Assert.Empty(preview.QuerySelectorAll("script, img"));
        Assert.Equal("<script>alert(1)</script>", preview.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain(preview.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        // Only the admin's own modules, never a script from the text.
        Assert.All(page.QuerySelectorAll("script"), script => Assert.StartsWith("/js/admin/", script.GetAttribute("src"), StringComparison.Ordinal));
    }
}

public class AdminOddRequestTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OddRequests_GetA4xxWithAGermanPage_NeverA500()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("a.md", "---\ntitle: A\n---\n\nText.")));
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = (await editor.GetAsync("/admin")).Document.QuerySelector(".admin-table tbody a")!.GetAttribute("href")!;

        var editPage = (await editor.GetAsync(editUrl)).Document;
        using var unknownContent = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", editPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("Body", "x"),
        ]);
        var unknownHandler = await editor.Http.PostAsync(new Uri(editUrl + "?handler=Gibtsnicht", UriKind.Relative), unknownContent, Token);
        var (huge, hugePage) = await editor.SubmitAsync(editUrl, "form#editor",
            EditorSource.Form("---\ntitle: Riesig\n---\n\n" + new string('x', 5_000_000)), "Änderungen veröffentlichen");
        var (badVersion, _) = await editor.GetAsync(editUrl + "/versionen?von=-1&bis=1");
        var versionsPage = (await editor.GetAsync(editUrl + "/versionen")).Document;
        using var restoreNonsense = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", versionsPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("number", "abc"),
            new("revision", "1"),
        ]);
        var badRestore = await editor.Http.PostAsync(new Uri(editUrl + "/versionen?handler=Restore", UriKind.Relative), restoreNonsense, Token);
        using var notAFile = new MultipartFormDataContent();
        var uploadPage = (await editor.GetAsync("/admin/hochladen")).Document;
        notAFile.Add(new StringContent(uploadPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        notAFile.Add(new StringContent("kein Upload"), "files");
        var upload = await editor.Http.PostAsync(new Uri("/admin/hochladen", UriKind.Relative), notAFile, Token);
        var (control, _) = await editor.GetAsync("/admin?q=%00%1B%E2%80%AE");

        Assert.Equal(HttpStatusCode.NotFound, unknownHandler.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, huge.StatusCode);
        Assert.Contains("zu lang", hugePage.QuerySelector("#edit-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, badVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, badRestore.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, control.StatusCode);
    }
}

public class ImportedArticleEditTests
{
    [Fact]
    public async Task EditingAnUndatedImportedArticle_KeepsItsPlaceInTime()
    {
        var clock = new TestClock(new DateTimeOffset(2025, 1, 10, 9, 0, 0, TimeSpan.Zero));
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("alt.md", "---\ntitle: Alt\n---\n\nText.")), clock: clock);
        await AdminClient.EnsureAccountAsync(site, "anna"); // starts the site: the file is imported today

        clock.Advance(TimeSpan.FromDays(30));
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = (await editor.GetAsync("/admin")).Document.QuerySelector(".admin-table tbody a")!.GetAttribute("href")!;
        var (saved, _) = await editor.SubmitAsync(editUrl, "form#editor", new() { ["Fields.Summary"] = "Neu zusammengefasst." }, "Änderungen veröffentlichen");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, article) = await site.GetPageAsync("/artikel/alt");
        Assert.Contains("10. Januar 2025", article.QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);
    }
}
