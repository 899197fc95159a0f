using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Web.Editing;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>
/// The server side of autosave (decision 0014): the editor's form posted as the script posts it, one autosave per
/// editor and article, JSON answers (401 rather than the login page when signed out), nothing of it reaching readers,
/// feeds, search or the page cache, discarding, the offer on the edit page and pruning.
/// </summary>
public class AutosaveTests
{
    private const string Form = "form#editor";

    // A word no article has: wherever it shows up, an autosave leaked.
    private const string Secret = "Quallenfahrrad";

    // 12:00 in Berlin (summer time).
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly string[] ReaderPages =
    [
        "/artikel/radwege", "/", "/thema/verkehr", "/autor/erika-muster", "/rss.xml", "/atom.xml", "/feed.json",
        "/sitemap.xml", "/sitemaps/artikel-1.xml", "/suche?q=" + Secret,
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static NewsSiteFactory Site(TestClock? clock = null) => new(
        NewsSiteFactory.ContentFolder(("radwege.md",
            "---\ntitle: Radwege für Köln\nslug: radwege\nauthor: Erika Muster\ntags: [Verkehr]\ndate: 2025-05-01T10:00:00Z\n---\n\nDer Rat beschließt neue Radwege.\n\nDer Bau beginnt im Herbst.\n")),
        clock: clock ?? new TestClock(Now));

    private static long IdOf(string editUrl) => long.Parse(editUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the editor's script does: the whole edit form, as the page rendered it plus what was typed, to its data-autosave address.</summary>
    private static async Task<HttpResponseMessage> AutosaveAsync(AdminClient editor, string editUrl, Dictionary<string, string>? typed = null)
    {
        var (_, page) = await editor.GetAsync(editUrl);
        var form = HtmlForm.Find(page, Form);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(form.GetAttribute("data-autosave")!, UriKind.Relative))
        {
            Content = HtmlForm.Build(form, typed, files: null, button: null),
        };
        request.Headers.Accept.ParseAdd("application/json");
        return await editor.Http.SendAsync(request, Token);
    }

    /// <summary>The antiforgery token the edit page rendered, read from its hidden input.</summary>
    private static async Task<string> TokenOfAsync(AdminClient editor, string editUrl)
    {
        var (_, page) = await editor.GetAsync(editUrl);
        return HtmlForm.Find(page, Form).QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
    }

    private static async Task<JsonElement> JsonOfAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.Clone();
    }

    private static Task<Autosave?> FindAsync(NewsSiteFactory site, string user, long articleId) =>
        site.Services.GetRequiredService<IAutosaveStore>().FindAsync(user, articleId, Token);

    [Fact]
    public async Task Autosave_AnswersTheTimeInNewsroomTime_AndKeepsTheFormAsTyped_OneRowThatTheNextAutosaveReplaces()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");

        using var first = await AutosaveAsync(anna, editUrl, new() { ["Body"] = "Erste Fassung.\r\nZweite Zeile." });
        var answer = await JsonOfAsync(first);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("2025-06-01T12:00:00+02:00", answer.GetProperty("savedAt").GetString());
        Assert.Equal("Automatisch gespeichert um 12:00 Uhr", answer.GetProperty("savedAtText").GetString());
        var saved = await FindAsync(site, "anna", IdOf(editUrl));
        Assert.Equal("Erste Fassung.\nZweite Zeile.", saved!.Form.Body);
        Assert.Equal(("Radwege für Köln", "Erika Muster", "Verkehr", 1, Now), (saved.Form.Fields.Title, saved.Form.Fields.Author, saved.Form.Fields.Tags, saved.BaseRevision, saved.SavedAt));

        ((TestClock)site.Clock!).Advance(TimeSpan.FromSeconds(30));
        using var second = await AutosaveAsync(anna, editUrl, new() { ["Fields.Title"] = "Radwege, zweite Fassung", ["Body"] = "Zweite Fassung." });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var replaced = await FindAsync(site, "anna", IdOf(editUrl));
        Assert.Equal(("Radwege, zweite Fassung", "Zweite Fassung.", Now.AddSeconds(30)), (replaced!.Form.Fields.Title, replaced.Form.Body, replaced.SavedAt));
    }

    [Fact]
    public async Task AnotherEditor_DoesNotSeeIt_AndHasTheirOwn()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        using var ben = await AdminClient.LoginAsync(site, "ben");
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        var offers = site.Services.GetRequiredService<AutosaveOffers>();
        var article = (await site.Services.GetRequiredService<IEditorArticles>().FindForEditingAsync(IdOf(editUrl), Token))!;

        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, editUrl, new() { ["Body"] = "Annas Text." })).StatusCode);

        Assert.Null(await FindAsync(site, "ben", IdOf(editUrl)));
        Assert.Null(await offers.FindAsync("ben", IdOf(editUrl), EditorForm.FromSource(article.Markdown), article.Revision, Token));
        Assert.NotNull(await offers.FindAsync("anna", IdOf(editUrl), EditorForm.FromSource(article.Markdown), article.Revision, Token));

        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(ben, editUrl, new() { ["Body"] = "Bens Text." })).StatusCode);
        Assert.Equal("Annas Text.", (await FindAsync(site, "anna", IdOf(editUrl)))!.Form.Body);
        Assert.Equal("Bens Text.", (await FindAsync(site, "ben", IdOf(editUrl)))!.Form.Body);
    }

    [Fact]
    public async Task ANewArticle_IsAutosavedAsArticleZero_AndNoArticleIsCreated()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var articles = site.Services.GetRequiredService<IArticleStore>();
        var before = await articles.CountAsync(Token);

        using var response = await AutosaveAsync(anna, "/admin/artikel/neu", new() { ["Fields.Title"] = "Noch ohne Adresse", ["Body"] = "Erste Sätze." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("Noch ohne Adresse", 0), ((await FindAsync(site, "anna", 0))!.Form.Fields.Title, (await FindAsync(site, "anna", 0))!.BaseRevision));
        Assert.Equal(before, await articles.CountAsync(Token));
    }

    [Fact]
    public async Task SignedOut_Answers401WithAGermanJsonMessage_NotARedirectToTheLoginPage()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        var token = await TokenOfAsync(anna, editUrl);
        using var stranger = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var path in new[] { editUrl + "/autosave", "/admin/artikel/neu/autosave", editUrl + "/autosave/verwerfen" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Body"] = Secret }),
            };
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await stranger.SendAsync(request, Token);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Equal(AutosaveEndpoints.SignedOutMessage, (await JsonOfAsync(response)).GetProperty("error").GetString());
        }

        // Discarding as a plain form post, without JavaScript: to the login page, as every admin form.
        using var plain = await stranger.PostAsync(new Uri(editUrl + "/autosave/verwerfen", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Token);
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        Assert.StartsWith("/admin/anmelden", plain.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Null(await FindAsync(site, "anna", IdOf(editUrl)));
    }

    [Fact]
    public async Task ASessionEndedByLogout_Answers401Json_TooAndSavesNothing()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        var (_, page) = await anna.GetAsync(editUrl);
        var (logout, _) = await anna.SubmitAsync("/admin", "form[action='/admin/abmelden']");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var content = HtmlForm.Build(HtmlForm.Find(page, Form), new Dictionary<string, string> { ["Body"] = Secret }, null, null);
        using var response = await anna.Http.PostAsync(new Uri(editUrl + "/autosave", UriKind.Relative), content, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(AutosaveEndpoints.SignedOutMessage, (await JsonOfAsync(response)).GetProperty("error").GetString());
        Assert.Null(await FindAsync(site, "anna", IdOf(editUrl)));
    }

    [Fact]
    public async Task WithoutTheAntiforgeryToken_Answers400Json_AndTheTokenInTheHeaderWorksLikeTheField()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        var token = await TokenOfAsync(anna, editUrl);

        using var without = await anna.Http.PostAsync(new Uri(editUrl + "/autosave", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Fields.Title"] = "Ohne", ["Body"] = Secret, ["Revision"] = "1" }), Token);
        var refusal = await JsonOfAsync(without);

        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains("Sicherheitsmerkmal", refusal.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(await FindAsync(site, "anna", IdOf(editUrl)));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(editUrl + "/autosave", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Fields.Title"] = "Mit Kopfzeile", ["Body"] = "Text.", ["Revision"] = "1" }),
        };
        request.Headers.Add("RequestVerificationToken", token);
        using var withHeader = await anna.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, withHeader.StatusCode);
        Assert.Equal("Mit Kopfzeile", (await FindAsync(site, "anna", IdOf(editUrl)))!.Form.Fields.Title);
    }

    [Fact]
    public async Task AnUnknownArticle_Answers404Json_AndATextOverTheEditorsLimit_413Json()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        var token = await TokenOfAsync(anna, editUrl);

        using var unknown = await anna.Http.PostAsync(new Uri("/admin/artikel/999999/autosave", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Body"] = "Text." }), Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("gibt es nicht", (await JsonOfAsync(unknown)).GetProperty("error").GetString(), StringComparison.Ordinal);

        // 1.2 MB of UTF-8 in 600,000 characters: over the 1 MB an article may have.
        using var tooLarge = await AutosaveAsync(anna, editUrl, new() { ["Body"] = string.Concat(Enumerable.Repeat("Привет ", 600_000 / 7)) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("zu groß", (await JsonOfAsync(tooLarge)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(await FindAsync(site, "anna", IdOf(editUrl)));
        Assert.Null(await FindAsync(site, "anna", 999999));
    }

    [Fact]
    public async Task AnAutosave_NeverReachesReadersFeedsSearchOrTheCache_NorMakesARevision()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        var id = IdOf(editUrl);
        var editing = site.Services.GetRequiredService<IEditorArticles>();
        var journal = site.Services.GetRequiredService<IContentJournal>();
        var revisions = (await editing.ListRevisionsAsync(id, Token)).Count;
        var lastChange = await journal.FindLastChangeIdAsync(Token);
        var before = new Dictionary<string, string>();
        foreach (var path in ReaderPages)
        {
            var (first, _, _) = await site.GetCachedPageAsync(path);
            Assert.True(first.IsSuccessStatusCode, $"{path}: {first.StatusCode}");
            var (cached, _, fromCache) = await site.GetCachedPageAsync(path);
            Assert.True(fromCache, $"{path} should now come from the cache, or this test proves nothing");
            before[path] = await cached.Content.ReadAsStringAsync(Token);
        }

        using var saved = await AutosaveAsync(anna, editUrl, new()
        {
            ["Fields.Title"] = "Radwege " + Secret,
            ["Fields.Summary"] = Secret,
            ["Body"] = $"Der Rat beschließt neue Radwege und ein {Secret}.\n\nDer Bau beginnt im Herbst.",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        foreach (var path in ReaderPages)
        {
            var (response, _, fromCache) = await site.GetCachedPageAsync(path);
            Assert.True(fromCache, $"{path} was evicted by an autosave");
            Assert.Equal(before[path], await response.Content.ReadAsStringAsync(Token));
        }

        foreach (var path in ReaderPages.Where(p => !p.StartsWith("/suche", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(Secret, before[path], StringComparison.Ordinal);
        }

        var (_, search) = await site.GetPageAsync("/suche?q=" + Secret);
        Assert.Empty(search.QuerySelectorAll(".search-hit"));
        Assert.Equal(revisions, (await editing.ListRevisionsAsync(id, Token)).Count);
        Assert.Equal(lastChange, await journal.FindLastChangeIdAsync(Token));
        Assert.DoesNotContain(Secret, (await editing.FindForEditingAsync(id, Token))!.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discard_WithoutJavaScript_DeletesItAndGoesBackToTheEditPage_WithJson_AnswersAnEmptyObject()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, editUrl, new() { ["Body"] = "Verworfen." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, "/admin/artikel/neu", new() { ["Body"] = "Neu verworfen." })).StatusCode);
        var token = await TokenOfAsync(anna, editUrl);

        using var plain = await anna.Http.PostAsync(new Uri(editUrl + "/autosave/verwerfen", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), Token);

        Assert.Equal(HttpStatusCode.SeeOther, plain.StatusCode);
        Assert.Equal(editUrl, plain.Headers.Location!.OriginalString);
        Assert.Null(await FindAsync(site, "anna", IdOf(editUrl)));
        Assert.NotNull(await FindAsync(site, "anna", 0));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/artikel/neu/autosave/verwerfen", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var json = await anna.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("{}", await json.Content.ReadAsStringAsync(Token));
        Assert.Null(await FindAsync(site, "anna", 0));
    }

    [Fact]
    public async Task Discard_WithoutTheToken_DeletesNothing()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, editUrl, new() { ["Body"] = "Bleibt." })).StatusCode);

        using var response = await anna.Http.PostAsync(new Uri(editUrl + "/autosave/verwerfen", UriKind.Relative), new FormUrlEncodedContent([]), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await FindAsync(site, "anna", IdOf(editUrl)));
    }

    [Fact]
    public async Task TheOffer_ShowsWhatChangedAsADiff_SaysWhenTheArticleChangedSince_AndAnAutosaveEqualToTheSavedArticleIsDeleted()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        var id = IdOf(editUrl);
        var offers = site.Services.GetRequiredService<AutosaveOffers>();
        var editing = site.Services.GetRequiredService<IEditorArticles>();
        async Task<AutosaveOffer?> OfferAsync()
        {
            var article = (await editing.FindForEditingAsync(id, Token))!;
            return await offers.FindAsync("anna", id, EditorForm.FromSource(article.Markdown), article.Revision, Token);
        }

        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, editUrl, new()
        {
            ["Fields.Title"] = "Radwege für ganz Köln",
            ["Body"] = "Der Rat beschließt neue Radwege.\r\n\r\nDer Bau beginnt im Winter.",
        })).StatusCode);
        var offer = await OfferAsync();

        Assert.NotNull(offer);
        Assert.Equal(("von 12:00 Uhr", 1, false), (offer.SavedAtText, offer.BaseRevision, offer.ArticleChangedSince));
        Assert.Equal(
            ["+ Der Bau beginnt im Winter.", "+ Titel: Radwege für ganz Köln", "− Der Bau beginnt im Herbst.", "− Titel: Radwege für Köln"],
            offer.Diff.Where(l => l.Kind != DiffKind.Same).Select(l => (l.Kind == DiffKind.Added ? "+ " : "− ") + l.Text).Order(StringComparer.Ordinal));
        Assert.Contains(offer.Diff, l => l.Kind == DiffKind.Same && l.Text == "Autor: Erika Muster");

        // Someone else saves the article meanwhile: anna's offer stays, and says so.
        using var bert = await AdminClient.LoginAsync(site, "bert");
        var (saved, _) = await bert.SubmitAsync(editUrl, Form, new() { ["Fields.Summary"] = "Neu zusammengefasst." }, "Änderungen veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True((await OfferAsync())!.ArticleChangedSince);

        // The form as saved, autosaved unchanged: nothing to offer, and the autosave is gone.
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, editUrl)).StatusCode);
        Assert.NotNull(await FindAsync(site, "anna", id));
        Assert.Null(await OfferAsync());
        Assert.Null(await FindAsync(site, "anna", id));
    }

    [Fact]
    public async Task TheOfferOfAnEarlierDay_NamesTheDay_AndANewArticlesAutosaveIsComparedWithAnEmptyForm()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var anna = await AdminClient.LoginAsync(site);
        var offers = site.Services.GetRequiredService<AutosaveOffers>();
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, "/admin/artikel/neu", new() { ["Fields.Title"] = "Entwurf", ["Body"] = "Erster Satz." })).StatusCode);

        clock.Advance(TimeSpan.FromDays(1));
        var offer = await offers.FindAsync("anna", null, null, 0, Token);

        Assert.Equal("vom 1. Juni 2025, 12:00 Uhr", offer!.SavedAtText);
        Assert.False(offer.ArticleChangedSince);
        Assert.Equal(["Titel: Entwurf", "Erster Satz."], offer.Diff.Where(l => l.Kind == DiffKind.Added).Select(l => l.Text));
    }

    [Fact]
    public async Task AutosavesOlderThan30Days_ArePrunedAtTheNextLogin_YoungerOnesStay()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        long id;
        using (var anna = await AdminClient.LoginAsync(site))
        {
            var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
            id = IdOf(editUrl);
            Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, editUrl, new() { ["Body"] = "Alt." })).StatusCode);
        }

        clock.Advance(TimeSpan.FromDays(29));
        using (var ben = await AdminClient.LoginAsync(site, "ben"))
        {
            Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(ben, "/admin/artikel/neu", new() { ["Body"] = "Jünger." })).StatusCode);
        }

        Assert.NotNull(await FindAsync(site, "anna", id));
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        using var again = await AdminClient.LoginAsync(site);

        Assert.Null(await FindAsync(site, "anna", id));
        Assert.NotNull(await FindAsync(site, "ben", 0));
    }

    [Fact]
    public async Task ThePartial_ShowsTheOfferTheDiffMarkedByTextAndClass_RestoreLinkAndDiscardFormWithItsToken()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        var id = IdOf(editUrl);
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, editUrl, new() { ["Body"] = "Der Rat beschließt neue Radwege.\n\nDer Bau beginnt im Winter." })).StatusCode);
        var article = (await site.Services.GetRequiredService<IEditorArticles>().FindForEditingAsync(id, Token))!;
        var offer = (await site.Services.GetRequiredService<AutosaveOffers>().FindAsync("anna", id, EditorForm.FromSource(article.Markdown), 0, Token))!;

        var html = await RenderPartialAsync(site, new AutosaveOfferBanner(offer, id));
        var page = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(html, Token);

        Assert.Equal("Es gibt eine automatisch gespeicherte Fassung von 12:00 Uhr, neuer als die gespeicherte.", page.QuerySelector("#autosave-offer-title")!.TextContent);
        Assert.Contains("nicht mehr Version 1", page.QuerySelector(".autosave-offer")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["−", "Der Bau beginnt im Herbst."], page.QuerySelectorAll("tr.diff__removed td").Select(td => td.TextContent));
        Assert.Equal("entfernt", page.QuerySelector("tr.diff__removed span")!.GetAttribute("aria-label"));
        Assert.Equal(["+", "Der Bau beginnt im Winter."], page.QuerySelectorAll("tr.diff__added td").Select(td => td.TextContent));
        Assert.Equal(editUrl + "?autosave=wiederherstellen", page.QuerySelector("a.button")!.GetAttribute("href"));
        var discard = page.QuerySelector<IHtmlFormElement>("form")!;
        Assert.Equal((editUrl + "/autosave/verwerfen", "post"), (discard.GetAttribute("action"), discard.Method));
        Assert.False(string.IsNullOrEmpty(discard.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")?.Value));
    }

    [Fact]
    public async Task TheEditPage_OffersTheAutosave_RestoresItIntoTheFormOnly_AndASaveEndsIt()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        var editUrl = await anna.EditUrlOfAsync("Radwege für Köln");
        var typed = "Der Rat beschließt neue Radwege.\n\nDer Bau beginnt im Winter.";
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, editUrl, new() { ["Body"] = typed })).StatusCode);

        var (_, offered) = await anna.GetAsync(editUrl);
        Assert.NotNull(offered.QuerySelector("[data-server-autosave] #autosave-offer-server"));
        Assert.Null(offered.QuerySelector("form#editor #autosave-offer-server")); // forms never nest
        Assert.Equal("Der Rat beschließt neue Radwege.\n\nDer Bau beginnt im Herbst.", offered.QuerySelector("#body")!.TextContent.Trim());

        var (_, restored) = await anna.GetAsync(editUrl + "?autosave=wiederherstellen");
        Assert.Equal(typed, restored.QuerySelector("#body")!.TextContent.Trim());
        Assert.NotNull(restored.QuerySelector("#autosave-restored"));
        Assert.Null(restored.QuerySelector("[data-server-autosave]"));
        Assert.Single(await site.Services.GetRequiredService<IEditorArticles>().ListHistoryAsync(IdOf(editUrl), Token));

        var (saved, _) = await anna.SubmitAsync(restored, editUrl, Form, button: "Änderungen veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null(await FindAsync(site, "anna", IdOf(editUrl)));
        var (_, after) = await anna.GetAsync(editUrl);
        Assert.Null(after.QuerySelector("[data-server-autosave]"));
        Assert.Equal(typed, after.QuerySelector("#body")!.TextContent.Trim());
    }

    [Fact]
    public async Task ANewArticlesAutosave_IsOfferedOnTheEmptyForm_AndEndsWhenTheArticleIsCreated()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(anna, "/admin/artikel/neu", new() { ["Fields.Title"] = "Halb geschrieben", ["Body"] = "Erster Satz." })).StatusCode);

        var (_, offered) = await anna.GetAsync("/admin/artikel/neu");
        Assert.NotNull(offered.QuerySelector("[data-server-autosave]"));
        var (_, restored) = await anna.GetAsync("/admin/artikel/neu?autosave=wiederherstellen");
        Assert.Equal("Halb geschrieben", restored.QuerySelector<IHtmlInputElement>("#title")!.Value);

        var (saved, _) = await anna.SubmitAsync(restored, "/admin/artikel/neu", Form, button: "Als Entwurf speichern");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null(await FindAsync(site, "anna", 0));
        var (_, empty) = await anna.GetAsync("/admin/artikel/neu");
        Assert.Null(empty.QuerySelector("[data-server-autosave]"));
    }

    [Fact]
    public async Task TheLoginsWayBack_AfterASaveWhoseSessionEnded_OpensTheEditPageItself()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site);

        var response = await anna.Http.GetAsync(new Uri("/admin/artikel/neu?handler=Draft", UriKind.Relative), Token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/artikel/neu", response.Headers.Location!.OriginalString);
    }

    /// <summary>The partial as the edit page would render it, for a signed-in editor's request.</summary>
    private static async Task<string> RenderPartialAsync(NewsSiteFactory site, AutosaveOfferBanner model)
    {
        using var scope = site.Services.CreateScope();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Scheme = "https";
        http.Request.Host = new Microsoft.AspNetCore.Http.HostString("nachrichten.example");
        var actionContext = new Microsoft.AspNetCore.Mvc.ActionContext(
            http, new Microsoft.AspNetCore.Routing.RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor());
        var engine = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Mvc.Razor.IRazorViewEngine>();
        var view = engine.GetView(null, "/Pages/Admin/Articles/_AutosaveOffer.cshtml", isMainPage: false).EnsureSuccessful(null).View!;
        await using var writer = new StringWriter();
        var viewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<AutosaveOfferBanner>(
            new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary())
        {
            Model = model,
        };
        var tempData = new Microsoft.AspNetCore.Mvc.ViewFeatures.TempDataDictionary(
            http, scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataProvider>());
        await view.RenderAsync(new Microsoft.AspNetCore.Mvc.Rendering.ViewContext(
            actionContext, view, viewData, tempData, writer, new Microsoft.AspNetCore.Mvc.ViewFeatures.HtmlHelperOptions()));
        return writer.ToString();
    }
}
