using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Articles;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>
/// Corrections and the automatic „Aktualisiert am“, through the real edit form: a republished change moves the date on
/// the page and for every machine (meta, JSON-LD, Atom, JSON Feed, RSS, Last-Modified); „Kleine Änderung“, an
/// unchanged save, drafts and scheduled articles do not; a correction note is shown on the article, in JSON-LD, in
/// the feeds and on /korrekturen, evicts exactly the pages showing it, and survives export and import.
/// </summary>
public class CorrectionTests
{
    private const string Form = "form#editor";
    private const string Republish = "Änderungen veröffentlichen";
    private const string Note = "In einer früheren Fassung stand, der Streik ende am Freitag.";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Published = new(2025, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string title, string slug, string tags, string date = "2025-05-01T10:00:00Z", string extra = "") =>
        $"---\ntitle: \"{title}\"\nslug: {slug}\nauthor: Erika Muster\ndate: {date}\ntags: [{tags}]\n{extra}---\n\nDer Streik endet am Freitag.\n";

    private static NewsSiteFactory Site(TestClock clock, params (string, string)[] more) => new(
        NewsSiteFactory.ContentFolder(
        [
            ("streik.md", Article("Streik im Nahverkehr", "streik", "Verkehr")),
            ("fremd.md", Article("Fremdes Thema", "fremd", "Kultur")),
            .. more,
        ]),
        clock: clock);

    private static async Task<(HttpResponseMessage Response, IDocument Page)> SaveAsync(
        AdminClient editor, string slugTitle, Dictionary<string, string> values, string button = Republish) =>
        await editor.SubmitAsync(await editor.EditUrlOfAsync(slugTitle), Form, values, button);

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Meta(IDocument page, string property) =>
        page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");

    private static JsonElement JsonLd(IDocument page) =>
        JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement.Clone();

    private static async Task<XElement> AtomEntryAsync(NewsSiteFactory site, string slug)
    {
        var atom = FeedResponses.ParseXml(await (await site.SendAsync("/atom.xml")).BytesAsync());
        return atom.Root!.Elements(Atom + "entry").Single(e => e.Elements(Atom + "link").Any(l => l.Attribute("href")!.Value.EndsWith("/artikel/" + slug, StringComparison.Ordinal)));
    }

    private static async Task<XElement> RssItemAsync(NewsSiteFactory site, string slug)
    {
        var rss = FeedResponses.ParseXml(await (await site.SendAsync("/rss.xml")).BytesAsync());
        return rss.Root!.Element("channel")!.Elements("item").Single(i => i.Element("link")!.Value.EndsWith("/artikel/" + slug, StringComparison.Ordinal));
    }

    private static async Task<JsonElement> JsonFeedItemAsync(NewsSiteFactory site, string slug)
    {
        using var feed = JsonDocument.Parse(await (await site.SendAsync("/feed.json")).BytesAsync());
        return feed.RootElement.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("url").GetString()!.EndsWith("/artikel/" + slug, StringComparison.Ordinal)).Clone();
    }

    /// <summary>Every place a reader or a machine learns when the article last changed.</summary>
    private static async Task<IReadOnlyList<string>> ModifiedEverywhereAsync(NewsSiteFactory site, string slug)
    {
        var (_, page) = await site.GetPageAsync("/artikel/" + slug);
        var byline = page.QuerySelector(".byline")!;
        var times = byline.QuerySelectorAll("time");
        var updatedTime = byline.TextContent.Contains("Aktualisiert am", StringComparison.Ordinal)
            ? times[times.Length - 1].GetAttribute("datetime")! : "ohne „Aktualisiert am“";
        return
        [
            updatedTime,
            Meta(page, "article:modified_time")!,
            JsonLd(page).GetProperty("dateModified").GetString()!,
            (await AtomEntryAsync(site, slug)).Element(Atom + "updated")!.Value,
            (await JsonFeedItemAsync(site, slug)).GetProperty("date_modified").GetString()!,
            (await RssItemAsync(site, slug)).Element(Atom + "updated")!.Value,
        ];
    }

    private static string[] Everywhere(DateTimeOffset instant, bool shownOnPage = true) =>
    [
        shownOnPage ? global::NewsSite.Web.Localization.GermanFormat.MachineDate(instant) : "ohne „Aktualisiert am“",
        Iso(instant), Iso(instant), Iso(instant), Iso(instant), Iso(instant),
    ];

    private static async Task<int> RevisionOfAsync(NewsSiteFactory site, string slug)
    {
        var editing = site.Services.GetRequiredService<IEditorArticles>();
        var row = (await editing.ListForEditorsAsync(new EditorArticleFilter(null, slug), 1, 10, Token)).Items.Single(a => a.Slug == slug);
        return row.Revision;
    }

    private static async Task<string> StoredSourceAsync(NewsSiteFactory site, string slug)
    {
        var editing = site.Services.GetRequiredService<IEditorArticles>();
        var row = (await editing.ListForEditorsAsync(new EditorArticleFilter(null, slug), 1, 10, Token)).Items.Single(a => a.Slug == slug);
        return (await editing.FindForEditingAsync(row.Id, Token))!.Markdown;
    }

    [Theory]
    [InlineData(Republish)]
    [InlineData("Speichern (Strg+S)")]
    public async Task RepublishingAChangedArticle_MovesEveryUpdateDateToTheSaveTime(string button)
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site);
        Assert.Equal(Everywhere(Published, shownOnPage: false), await ModifiedEverywhereAsync(site, "streik"));

        clock.Advance(TimeSpan.FromMinutes(30));
        var (saved, _) = await SaveAsync(editor, "Streik im Nahverkehr", new() { ["Fields.Title"] = "Streik im Nahverkehr beendet" }, button);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var saveTime = Now.AddMinutes(30);
        Assert.Equal(Everywhere(saveTime), await ModifiedEverywhereAsync(site, "streik"));
        var (_, page) = await site.GetPageAsync("/artikel/streik");
        Assert.Contains("Aktualisiert am 1. Juni 2025, 12:30 Uhr", page.QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("\nupdated: 2025-06-01T12:30:00+02:00\n", await StoredSourceAsync(site, "streik"), StringComparison.Ordinal);
        foreach (var feed in new[] { "/rss.xml", "/atom.xml", "/feed.json" })
        {
            var response = await site.SendAsync(feed);
            Assert.Equal(saveTime, response.Content.Headers.LastModified);
            Assert.NotNull(response.Headers.ETag);
        }

        var (_, editPage) = await editor.FollowAsync(saved);
        Assert.Contains("Leser sehen „Aktualisiert am 1. Juni 2025, 12:30 Uhr“", editPage.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMinorChange_KeepsEveryDateAsItWas_AndAnUnchangedSaveToo()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site);
        var etag = (await site.SendAsync("/atom.xml")).Headers.ETag;

        clock.Advance(TimeSpan.FromMinutes(30));
        var (unchanged, _) = await SaveAsync(editor, "Streik im Nahverkehr", new());
        var (_, unchangedPage) = await editor.FollowAsync(unchanged);
        Assert.Contains("Keine Änderungen", unchangedPage.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(etag, (await site.SendAsync("/atom.xml")).Headers.ETag);

        var (minor, _) = await SaveAsync(editor, "Streik im Nahverkehr", new() { ["Body"] = "Der Streik endet am Freitag!", ["MinorChange"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, minor.StatusCode);
        Assert.Equal(2, await RevisionOfAsync(site, "streik"));
        Assert.Equal(Everywhere(Published, shownOnPage: false), await ModifiedEverywhereAsync(site, "streik"));
        Assert.Contains("Freitag!", (await site.GetPageAsync("/artikel/streik")).Document.QuerySelector(".article__body")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("updated:", await StoredSourceAsync(site, "streik"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftsAndScheduledArticles_GetNoUpdateDate_AndNoMinorOrCorrectionFields()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock,
            ("entwurf.md", Article("Ein Entwurf", "entwurf", "Verkehr", extra: "draft: true\n")),
            ("geplant.md", Article("Bald erscheinend", "geplant", "Verkehr", date: "2025-06-02T10:00:00Z")));
        using var editor = await AdminClient.LoginAsync(site);
        var (_, draftForm) = await editor.GetAsync(await editor.EditUrlOfAsync("Ein Entwurf"));
        var (_, scheduledForm) = await editor.GetAsync(await editor.EditUrlOfAsync("Bald erscheinend"));
        var (_, publishedForm) = await editor.GetAsync(await editor.EditUrlOfAsync("Streik im Nahverkehr"));
        Assert.Null(draftForm.QuerySelector("#minor"));
        Assert.Null(scheduledForm.QuerySelector("#correction"));
        Assert.NotNull(publishedForm.QuerySelector("#minor"));
        Assert.NotNull(publishedForm.QuerySelector("#correction"));

        clock.Advance(TimeSpan.FromMinutes(30));
        var (draft, _) = await SaveAsync(editor, "Ein Entwurf", new() { ["Fields.Title"] = "Ein Entwurf, geändert" }, "Als Entwurf speichern");
        var (scheduled, _) = await SaveAsync(editor, "Bald erscheinend", new() { ["Fields.Title"] = "Bald erscheinend, geändert" });
        var (sneaked, sneakedPage) = await SaveAsync(editor, "Bald erscheinend, geändert", new() { ["Body"] = "Neu.", ["Correction"] = "Gibt es nicht." });

        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.DoesNotContain("updated:", await StoredSourceAsync(site, "entwurf"), StringComparison.Ordinal);
        Assert.DoesNotContain("updated:", await StoredSourceAsync(site, "geplant"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sneaked.StatusCode);
        Assert.Contains("veröffentlichten Artikel", sneakedPage.QuerySelector("#edit-error")!.TextContent, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(Everywhere(new DateTimeOffset(2025, 6, 2, 10, 0, 0, TimeSpan.Zero), shownOnPage: false), await ModifiedEverywhereAsync(site, "geplant"));
    }

    [Fact]
    public async Task ACorrection_IsShownOnTheArticle_InJsonLd_InTheFeeds_AndOnTheCorrectionsPage_NewestFirst()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site);

        clock.Advance(TimeSpan.FromMinutes(30));
        var (first, _) = await SaveAsync(editor, "Streik im Nahverkehr", new()
        {
            ["Body"] = "Der Streik endet am Donnerstag.",
            ["Correction"] = Note,
            ["MinorChange"] = "true",
        });
        clock.Advance(TimeSpan.FromHours(2));
        var (second, _) = await SaveAsync(editor, "Streik im Nahverkehr", new() { ["Correction"] = "Es ist <b>Donnerstag</b>, nicht **Mittwoch**." });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var (_, page) = await site.GetPageAsync("/artikel/streik");
        Assert.Equal(
            [
                "Korrektur (1. Juni 2025, 14:30 Uhr): Es ist <b>Donnerstag</b>, nicht **Mittwoch**.",
                "Korrektur (1. Juni 2025, 12:30 Uhr): " + Note,
            ],
            page.QuerySelectorAll(".corrections .correction").Select(c => c.TextContent.Trim()));
        Assert.Empty(page.QuerySelectorAll(".corrections b, .corrections strong strong"));
        Assert.Equal("2025-06-01T14:30:00+02:00", page.QuerySelector(".corrections time")!.GetAttribute("datetime"));
        Assert.Equal(Everywhere(Now.AddHours(2.5)), await ModifiedEverywhereAsync(site, "streik"));

        var corrections = JsonLd(page).GetProperty("correction").EnumerateArray().ToList();
        Assert.Equal(["CorrectionComment", "CorrectionComment"], corrections.Select(c => c.GetProperty("@type").GetString()));
        Assert.Equal(Note, corrections[1].GetProperty("text").GetString());
        Assert.Equal("2025-06-01T10:30:00Z", corrections[1].GetProperty("datePublished").GetString());

        var atomContent = (await AtomEntryAsync(site, "streik")).Element(Atom + "content")!.Value;
        var jsonContent = (await JsonFeedItemAsync(site, "streik")).GetProperty("content_html").GetString()!;
        var rssContent = (await RssItemAsync(site, "streik")).Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"))!.Value;
        foreach (var content in new[] { atomContent, jsonContent, rssContent })
        {
            Assert.Contains("<p class=\"correction\"><strong>Korrektur (1. Juni 2025, 12:30 Uhr):</strong> " + Note + "</p>", content, StringComparison.Ordinal);
            Assert.Contains("Es ist &lt;b&gt;Donnerstag&lt;/b&gt;", content, StringComparison.Ordinal);
        }

        var (listed, log) = await site.GetPageAsync("/korrekturen");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("Korrekturen", log.QuerySelector("h1")!.TextContent);
        var items = log.QuerySelectorAll(".correction-log__item").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("/artikel/streik", i.QuerySelector("a")!.GetAttribute("href")));
        Assert.Contains(Note, items[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Korrektur (1. Juni 2025, 14:30 Uhr):", items[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".site-footer a[href='/korrekturen']"));

        var stored = await StoredSourceAsync(site, "streik");
        Assert.Contains($"corrections:\n  - date: 2025-06-01T12:30:00+02:00\n    text: \"{Note}\"\n  - date: 2025-06-01T14:30:00+02:00\n", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCorrectionsPage_IsPagedLikeEveryListing_AndEmptyBeforeTheFirst()
    {
        var clock = new TestClock(Now);
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(("streik.md", Article("Streik im Nahverkehr", "streik", "Verkehr"))), pageSize: 2, clock: clock);
        using var editor = await AdminClient.LoginAsync(site);
        var (_, empty) = await site.GetPageAsync("/korrekturen");
        Assert.Contains("Bisher gab es keine Korrekturen.", empty.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        foreach (var number in new[] { 1, 2, 3 })
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var (saved, _) = await SaveAsync(editor, "Streik im Nahverkehr", new() { ["Correction"] = $"Korrektur Nummer {number}." });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var (_, first) = await site.GetPageAsync("/korrekturen");
        var (secondResponse, second) = await site.GetPageAsync("/korrekturen?seite=2");

        Assert.Equal(["Nummer 3", "Nummer 2"], first.QuerySelectorAll(".correction-log__text").Select(t => t.TextContent.Split("Korrektur ")[^1].TrimEnd('.')));
        Assert.Equal(HttpStatusCode.OK, secondResponse.StatusCode);
        Assert.Contains("Korrektur Nummer 1.", second.QuerySelector(".correction-log")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/korrekturen?seite=2", first.QuerySelector(".pagination a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("https://nachrichten.example/korrekturen?seite=2", second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await site.SendAsync("/korrekturen?seite=3")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await site.SendAsync("/korrekturen?seite=null")).StatusCode);
    }

    [Fact]
    public async Task ACorrection_EvictsThePagesShowingIt_AndNoOther()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock, ("entwurf.md", Article("Ein Entwurf", "entwurf", "Geheim", extra: "draft: true\n")));
        using var editor = await AdminClient.LoginAsync(site);
        string[] showing = ["/korrekturen", "/artikel/streik", "/thema/verkehr", "/atom.xml", "/feed.json", "/rss.xml"];
        string[] notShowing = ["/artikel/fremd", "/thema/kultur", "/thema/kultur/atom.xml"];
        foreach (var path in showing.Concat(notShowing))
        {
            await site.GetCachedPageAsync(path);
            Assert.True((await site.GetCachedPageAsync(path)).FromCache, path + " should be cached");
        }

        // A draft's save journals nothing: no page can show it.
        var (draft, _) = await SaveAsync(editor, "Ein Entwurf", new() { ["Body"] = "Geändert." }, "Als Entwurf speichern");
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.True((await site.GetCachedPageAsync("/korrekturen")).FromCache);

        clock.Advance(TimeSpan.FromMinutes(5));
        var (saved, _) = await SaveAsync(editor, "Streik im Nahverkehr", new() { ["Correction"] = Note });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        foreach (var path in showing)
        {
            Assert.False((await site.GetCachedPageAsync(path)).FromCache, path + " should have been evicted");
        }

        foreach (var path in notShowing)
        {
            Assert.True((await site.GetCachedPageAsync(path)).FromCache, path + " should still be cached");
        }

        Assert.Contains(Note, (await site.GetPageAsync("/korrekturen")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Note, (await site.GetPageAsync("/artikel/streik")).Document.QuerySelector(".corrections")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnpublishingACorrectedArticle_TakesItsCorrectionsOffThePage()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site);
        await SaveAsync(editor, "Streik im Nahverkehr", new() { ["Correction"] = Note });
        Assert.Contains(Note, (await site.GetPageAsync("/korrekturen")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var (offline, _) = await editor.SubmitConfirmedAsync(await editor.EditUrlOfAsync("Streik im Nahverkehr"), Form, "Zurückziehen");

        Assert.Equal(HttpStatusCode.Redirect, offline.StatusCode);
        Assert.Contains("Bisher gab es keine Korrekturen.", (await site.GetPageAsync("/korrekturen")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("long", "Die Korrektur ist zu lang (1001 Zeichen, höchstens 1000).")]
    [InlineData("control", "Die Korrektur enthält das unsichtbare Steuerzeichen U+0007.")]
    [InlineData("direction", "Steuerzeichen U+202E für die Schreibrichtung")]
    public async Task ABadCorrection_IsRefusedBesideItsField_With422_AndNothingIsSaved(string kind, string message)
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site);
        var correction = kind switch
        {
            "long" => new string('x', 1001),
            "control" => "Die Glocke \u0007 läutet.",
            _ => "Gedreht \u202E txt.exe",
        };

        var (response, page) = await SaveAsync(editor, "Streik im Nahverkehr", new() { ["Body"] = "Geänderter Text.", ["Correction"] = correction });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("#correction-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#correction")!.GetAttribute("aria-invalid"));
        Assert.Contains("Korrektur", page.QuerySelector("#edit-error a[href='#correction']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(correction, page.QuerySelector<IHtmlTextAreaElement>("#correction")!.Value);
        Assert.Equal("Geänderter Text.", page.QuerySelector<IHtmlTextAreaElement>("#body")!.Value.Trim());
        Assert.Equal(1, await RevisionOfAsync(site, "streik"));
        Assert.Equal(Everywhere(Published, shownOnPage: false), await ModifiedEverywhereAsync(site, "streik"));
    }

    [Fact]
    public async Task RestoringAnOldVersion_KeepsTheCorrections_AndMovesTheUpdateDate()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await editor.EditUrlOfAsync("Streik im Nahverkehr");
        await editor.SubmitAsync(editUrl, Form, new() { ["Body"] = "Der Streik endet am Donnerstag.", ["Correction"] = Note }, Republish);

        clock.Advance(TimeSpan.FromHours(1));
        var (restored, _) = await editor.SubmitAsync(editUrl + "/versionen", "form[action$='handler=Restore']", button: "Version 1 wiederherstellen");

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var (_, page) = await site.GetPageAsync("/artikel/streik");
        Assert.Contains("am Freitag", page.QuerySelector(".article__body")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Note, page.QuerySelector(".corrections")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Everywhere(Now.AddHours(1)), await ModifiedEverywhereAsync(site, "streik"));
    }

    [Fact]
    public async Task ExportAndImport_KeepTheUpdateDateAndTheCorrections()
    {
        var clock = new TestClock(Now);
        await using var original = Site(clock);
        using var editor = await AdminClient.LoginAsync(original);
        clock.Advance(TimeSpan.FromMinutes(30));
        await SaveAsync(editor, "Streik im Nahverkehr", new() { ["Body"] = "Der Streik endet am Donnerstag.", ["Correction"] = Note });
        clock.Advance(TimeSpan.FromMinutes(30));
        await SaveAsync(editor, "Streik im Nahverkehr", new() { ["Fields.Title"] = "Streik im Nahverkehr beendet" });

        var export = Path.Combine(Repository.NewTempDirectory(), "export");
        var (exportCode, exportOutput) = await OperatorCommands.RunAsync(original.Services, ["export", export]);
        Assert.True(exportCode == 0, exportOutput);
        var file = await File.ReadAllTextAsync(Directory.GetFiles(export, "*-streik.md").Single(), Token);
        Assert.Contains("\nupdated: 2025-06-01T13:00:00+02:00\n", file, StringComparison.Ordinal);
        Assert.Contains($"\ncorrections:\n  - date: 2025-06-01T12:30:00+02:00\n    text: \"{Note}\"\n", file, StringComparison.Ordinal);

        await using var copy = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), clock: new TestClock(clock.Now));
        var (importCode, importOutput) = await OperatorCommands.RunAsync(copy.Services, ["import", export]);
        Assert.True(importCode == 0, importOutput);

        foreach (var path in new[] { "/artikel/streik", "/korrekturen", "/feed.json", "/atom.xml", "/rss.xml" })
        {
            var expected = await (await original.SendAsync(path)).Content.ReadAsStringAsync(Token);
            Assert.Equal(expected, await (await copy.SendAsync(path)).Content.ReadAsStringAsync(Token));
        }

        Assert.Equal(Everywhere(Now.AddHours(1)), await ModifiedEverywhereAsync(copy, "streik"));
    }

    [Fact]
    public async Task ImportingTheContentFolderAgain_LeavesTheDatesOfUnchangedFiles_AndAFilesOwnUpdatedWins()
    {
        var clock = new TestClock(Now);
        var folder = NewsSiteFactory.ContentFolder(
            ("streik.md", Article("Streik im Nahverkehr", "streik", "Verkehr")),
            ("erklaert.md", Article("Mit eigenem Datum", "erklaert", "Verkehr", extra: "updated: 2025-05-20T08:00:00Z\n")));
        await using var site = new NewsSiteFactory(folder, clock: clock);
        Assert.Equal(Everywhere(Published, shownOnPage: false), await ModifiedEverywhereAsync(site, "streik"));

        clock.Advance(TimeSpan.FromDays(3));
        await File.WriteAllTextAsync(Path.Combine(folder, "erklaert.md"),
            Article("Mit eigenem Datum, geändert", "erklaert", "Verkehr", extra: "updated: 2025-05-21T08:00:00Z\n"), Token);
        var (code, output) = await OperatorCommands.RunAsync(site.Services, ["import", folder]);

        Assert.True(code == 0, output);
        Assert.Equal(Everywhere(Published, shownOnPage: false), await ModifiedEverywhereAsync(site, "streik"));
        Assert.Equal(1, await RevisionOfAsync(site, "streik"));
        Assert.Equal(Everywhere(new DateTimeOffset(2025, 5, 21, 8, 0, 0, TimeSpan.Zero)), await ModifiedEverywhereAsync(site, "erklaert"));
    }

    [Fact]
    public async Task AnUploadedFile_KeepsItsOwnUpdatedAndCorrections()
    {
        await using var site = Site(new TestClock(Now));
        using var editor = await AdminClient.LoginAsync(site);
        var file = Article("Hochgeladen mit Korrektur", "hochgeladen", "Verkehr",
            extra: "updated: 2025-05-03T08:00:00Z\ncorrections:\n  - date: 2025-05-02T08:00:00Z\n    text: \"Aus dem alten System.\"\n");

        var (response, _) = await editor.SubmitAsync("/admin/hochladen", "form[enctype='multipart/form-data']", button: "Veröffentlichen",
            files: new() { ["files"] = [new FormFile("hochgeladen.md", System.Text.Encoding.UTF8.GetBytes(file))] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Everywhere(new DateTimeOffset(2025, 5, 3, 8, 0, 0, TimeSpan.Zero)), await ModifiedEverywhereAsync(site, "hochgeladen"));
        Assert.Contains("Aus dem alten System.", (await site.GetPageAsync("/korrekturen")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
