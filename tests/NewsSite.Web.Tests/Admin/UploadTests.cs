using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>The upload form, submitted as a browser does (multipart, token from the page), with good and bad files.</summary>
public class UploadTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string title, string tags = "[Politik]", string extra = "", string body = "Ein Absatz.") =>
        $"---\ntitle: \"{title}\"\nauthor: Erika Muster\ndate: 2025-05-30T09:00\ntags: {tags}\n{extra}---\n\n{body}\n";

    private static FormFile Md(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    private static NewsSiteFactory Site(long? maxFileBytes = null) => new(NewsSiteFactory.ContentFolder(), clock: new TestClock(Now))
    {
        Settings = maxFileBytes is null ? new Dictionary<string, string?>() : new() { ["NewsSite:MaxMarkdownFileBytes"] = maxFileBytes.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    private static async Task<(HttpResponseMessage Response, IDocument Page)> UploadAsync(AdminClient editor, string button, params FormFile[] files) =>
        await editor.SubmitAsync("/admin/hochladen", "form[enctype='multipart/form-data']", button: button,
            files: new() { ["files"] = files });

    private static List<(string File, string Text)> Results(IDocument page) =>
        page.QuerySelectorAll(".result").Select(r => (r.QuerySelector(".result__file")!.TextContent, r.TextContent)).ToList();

    [Fact]
    public async Task OneCompleteFile_IsPublished_WithALinkToIt()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await UploadAsync(editor, "Veröffentlichen", Md("neu.md", Article("Neue Brücke eröffnet")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = page.QuerySelector(".result--published")!;
        Assert.Equal("/artikel/neue-bruecke-eroeffnet", result.QuerySelector("a")!.GetAttribute("href"));
        var (published, article) = await site.GetPageAsync("/artikel/neue-bruecke-eroeffnet");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal("Neue Brücke eröffnet", article.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task TheSecondButton_SavesAsDraft_HiddenFromReaders()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (_, page) = await UploadAsync(editor, "Als Entwurf speichern", Md("entwurf.md", Article("Noch geheim")));

        Assert.Single(page.QuerySelectorAll(".result--draft"));
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/noch-geheim")).Response.StatusCode);
    }

    [Fact]
    public async Task DraftInFrontMatter_StaysDraft_FutureDate_IsScheduled()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (_, page) = await UploadAsync(editor, "Veröffentlichen",
            Md("a.md", Article("Entwurf laut Datei", extra: "draft: true\n")),
            Md("b.md", Article("Kommt morgen").Replace("2025-05-30T09:00", "2025-06-02T06:00", StringComparison.Ordinal)));

        Assert.Single(page.QuerySelectorAll(".result--draft"));
        Assert.Contains("geplant für 2. Juni 2025, 06:00 Uhr", page.QuerySelector(".result--scheduled")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/kommt-morgen")).Response.StatusCode);
    }

    [Fact]
    public async Task SeveralFiles_EachGetsItsOwnResult_ABadOneKeepsNoOtherOut()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await UploadAsync(editor, "Veröffentlichen",
            Md("eins.md", Article("Eins")), Md("kaputt.md", "kein front matter"), Md("zwei.md", Article("Zwei")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = Results(page);
        Assert.Equal(["eins.md", "kaputt.md", "zwei.md"], results.Select(r => r.File));
        Assert.Contains("veröffentlicht", results[0].Text, StringComparison.Ordinal);
        Assert.Contains("abgelehnt", results[1].Text, StringComparison.Ordinal);
        Assert.Contains("Front Matter fehlt", results[1].Text, StringComparison.Ordinal);
        Assert.Contains("veröffentlicht", results[2].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZip_OfMarkdownFiles_IsUnpackedFileByFile()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }

            Add("ordner/erster.md", Article("Erster aus dem Archiv"));
            Add("zweiter.md", Article("Zweiter aus dem Archiv"));
            Add("bild.png", "kein markdown");
            Add("__MACOSX/._erster.md", "Metadaten");
        }

        var (_, page) = await UploadAsync(editor, "Veröffentlichen", new FormFile("paket.zip", zip.ToArray(), "application/zip"));

        var results = Results(page);
        Assert.Equal(["paket.zip/__MACOSX/._erster.md", "paket.zip/bild.png", "paket.zip/ordner/erster.md", "paket.zip/zweiter.md"], results.Select(r => r.File));
        Assert.Contains("Zusatzdaten von macOS", results[0].Text, StringComparison.Ordinal);
        Assert.Contains("Keine Markdown-Datei", results[1].Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/erster-aus-dem-archiv")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/zweiter-aus-dem-archiv")).Response.StatusCode);
    }

    [Fact]
    public async Task ABrokenZip_IsRejectedWithAReason()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await UploadAsync(editor, "Veröffentlichen", new FormFile("kaputt.zip", "PK\u0003\u0004nonsense"u8.ToArray(), "application/zip"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("kein gültiges ZIP-Archiv", page.QuerySelector(".result--rejected")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoFileChosen_SaysSo()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await UploadAsync(editor, "Veröffentlichen");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("mindestens eine Datei", page.QuerySelector(".notice--error")!.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], string> BadFiles()
    {
        static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        var article = Article("Gültiger Titel");
        return new TheoryData<string, byte[], string>
        {
            { "empty", [], "Die Datei ist leer" },
            { "latin1", Encoding.Latin1.GetBytes(Article("Über Köln")), "nicht in UTF-8 kodiert" },
            { "binary", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], "nicht in UTF-8 kodiert" },
            { "binary-utf8", Utf8("\0\u0001\u0002ELF\0\0"), "Steuerzeichen U+0000" },
            { "nul", Utf8(article.Replace("Ein Absatz.", "Ein\0Absatz.", StringComparison.Ordinal)), "Steuerzeichen U+0000" },
            { "control", Utf8(article.Replace("Ein Absatz.", "Ein\u001bAbsatz.", StringComparison.Ordinal)), "Steuerzeichen U+001B" },
            { "no-front-matter", Utf8("# Titel\n\nText"), "Front Matter fehlt" },
            { "unclosed", Utf8("---\ntitle: Offen\n\nText"), "nicht abgeschlossen" },
            { "yaml-syntax", Utf8("---\ntitle: \"Offen\ndate: 2025-01-01\n---\n\nText"), "Feld „title“: Ein Anführungszeichen wird geöffnet" },
            { "anchor", Utf8("---\ntitle: &t Titel\nsummary: *t\n---\n\nText"), "Anker und -Aliase" },
            { "type-tag", Utf8("---\ntitle: !!str Titel\n---\n\nText"), "Typangaben" },
            { "unknown-field", Utf8("---\ntitle: Titel\ncategory: Sport\n---\n\nText"), "Feld „category“: Unbekanntes Feld" },
            { "mistyped-field", Utf8("---\ntitle: [eins, zwei]\n---\n\nText"), "Feld „title“: Hier wird ein Text erwartet" },
            { "impossible-date", Utf8("---\ntitle: Titel\ndate: 2025-02-30\n---\n\nText"), "Feld „date“" },
            { "too-many-tags", Utf8(Article("Viele Tags", "[" + string.Join(", ", Enumerable.Range(1, 21).Select(i => $"T{i}")) + "]")), "Zu viele Tags (21, höchstens 20)" },
            { "long-title", Utf8(Article(new string('A', 2000))), "zu lang (2000 Zeichen, höchstens 200)" },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task BadFile_IsRejectedWithAGermanReason_AndNothingIsSaved(string name, byte[] bytes, string reason)
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await UploadAsync(editor, "Veröffentlichen", new FormFile(name + ".md", bytes));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var rejected = page.QuerySelector(".result--rejected")!.TextContent;
        Assert.Contains(reason, rejected, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", page.Body!.TextContent, StringComparison.Ordinal);
        var (_, list) = await editor.GetAsync("/admin?status=");
        Assert.Empty(list.QuerySelectorAll(".admin-table tbody tr"));
    }

    [Fact]
    public async Task BadFile_YamlErrorNamesTheLine()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (_, page) = await UploadAsync(editor, "Veröffentlichen", Md("zeile.md", "---\ntitle: Gut\nauthor: Erika\ntags: [a, b\n---\n\nText"));

        Assert.Matches("Zeile [45]", page.QuerySelector(".result__reason")!.TextContent);
    }

    [Fact]
    public async Task Oversize_IsRefusedByItsDeclaredSize_WithTheConfiguredLimit()
    {
        await using var site = Site(maxFileBytes: 2048);
        using var editor = await AdminClient.LoginAsync(site);

        var (_, page) = await UploadAsync(editor, "Veröffentlichen", Md("gross.md", Article("Groß", body: new string('x', 3000))));

        Assert.Contains("zu groß (4 KB, höchstens 2 KB)", page.QuerySelector(".result__reason")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BomIsFine()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (_, page) = await UploadAsync(editor, "Veröffentlichen",
            new FormFile("bom.md", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Article("Mit BOM"))]));

        Assert.Single(page.QuerySelectorAll(".result--published"));
    }

    [Fact]
    public async Task ExistingSlug_IsNeverOverwritten_EvenByTheSameFileAgain()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        await UploadAsync(editor, "Veröffentlichen", Md("a.md", Article("Einmalig")));

        var (_, again) = await UploadAsync(editor, "Veröffentlichen", Md("a.md", Article("Einmalig", body: "Anderer Text.")));
        var (_, explicitSlug) = await UploadAsync(editor, "Veröffentlichen", Md("b.md", Article("Anders", extra: "slug: einmalig\n")));

        Assert.Contains("Es gibt schon einen Artikel unter der Adresse „/artikel/einmalig“", again.QuerySelector(".result__reason")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Der Slug „einmalig“ gehört bereits zu einem anderen Artikel", explicitSlug.QuerySelector(".result__reason")!.TextContent, StringComparison.Ordinal);
        var (_, article) = await site.GetPageAsync("/artikel/einmalig");
        Assert.Equal("Ein Absatz.", article.QuerySelector(".article__body p")!.TextContent);
    }

    [Fact]
    public async Task TagsDifferingOnlyByCaseOrSpaces_AreOneTag()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        await UploadAsync(editor, "Veröffentlichen",
            Md("a.md", Article("Erster", "[\"Köln\", \" köln \", \"KÖLN\"]")), Md("b.md", Article("Zweiter", "[\"köln\"]")));

        var (_, article) = await site.GetPageAsync("/artikel/erster");
        Assert.Equal(["Köln"], article.QuerySelectorAll(".tag-list a").Select(a => a.TextContent));
        var (_, tag) = await site.GetPageAsync("/thema/koeln");
        Assert.Equal(2, tag.QuerySelectorAll(".teasers > li").Length);
    }

    [Fact]
    public async Task HostileMarkdown_NeverReachesThePageAsActiveContent()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        const string body =
            """
            <script>alert(1)</script>

            <img src=x onerror=alert(2)>

            [Klick](javascript:alert(3)) [Daten](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)
            [Attribut](https://example.org/" onmouseover="alert(5)) ![Bild](javascript:alert(6))

            [vbs](vbscript:msgbox) <javascript:alert(7)>
            """;

        await UploadAsync(editor, "Veröffentlichen", Md("boese.md", Article("Böse", body: body)));

        var (_, page) = await site.GetPageAsync("/artikel/boese");
        var articleBody = page.QuerySelector(".article__body")!;
        Assert.Empty(articleBody.QuerySelectorAll("script, img[onerror], [onmouseover], iframe, object"));
        foreach (var element in articleBody.QuerySelectorAll("[href], [src]"))
        {
            var url = (element.GetAttribute("href") ?? element.GetAttribute("src"))!;
            Assert.Matches("^(https?:|mailto:|/|#)", url);
        }

        Assert.DoesNotContain(articleBody.QuerySelectorAll("*").SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
        Assert.Contains("&lt;script&gt;", articleBody.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadWithoutAntiforgeryToken_ChangesNothing()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Article("Untergeschoben"))), "files", "x.md" },
            { new StringContent("publish"), "mode" },
        };

        var response = await editor.Http.PostAsync(new Uri("/admin/hochladen", UriKind.Relative), content, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/untergeschoben")).Response.StatusCode);
    }

    [Fact]
    public async Task ARequestLargerThanTheLimit_Gets413WithAGermanPage()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder())
        {
            Settings = new Dictionary<string, string?> { ["NewsSite:MaxRequestBytes"] = (64 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await UploadAsync(editor, "Veröffentlichen", Md("riesig.md", Article("Riesig", body: new string('x', 100_000))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("zu groß", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
    [Fact]
    public async Task AFileWithThreeMistakes_ReportsAllThree_AtOnce_WithLineFieldAndHint()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await UploadAsync(editor, "Veröffentlichen",
            Md("drei.md", "---\ntitle: Köln: Die Brücke ist offen\ndate: 2025-02-30\ntags: Köln\n---\n\nText."),
            Md("gut.md", Article("Eine gute Datei")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // one of the two went in
        var rejected = page.QuerySelector(".result--rejected")!;
        Assert.Contains("3 Probleme in dieser Datei", rejected.QuerySelector(".result__reason")!.TextContent, StringComparison.Ordinal);
        var problems = rejected.QuerySelectorAll(".result__problem").Select(li => li.TextContent).ToList();
        Assert.Equal(3, problems.Count);
        Assert.StartsWith("Zeile 2, Feld „title“:", problems[0], StringComparison.Ordinal);
        Assert.Contains("Tipp: Titel mit Doppelpunkt in Anführungszeichen setzen", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Zeile 3, Feld „date“:", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("Zeile 4, Feld „tags“:", problems[2], StringComparison.Ordinal);
        Assert.DoesNotContain("While scanning", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("mapping", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Single(page.QuerySelectorAll(".result--published"));
    }
}
