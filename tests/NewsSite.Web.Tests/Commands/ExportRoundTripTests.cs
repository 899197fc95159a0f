using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Commands;

/// <summary>
/// export, then import into an empty data directory, must give the same public site: every page a reader or crawler
/// can reach from the home page, the feeds and the sitemaps, byte for byte; the feed entries' ids too, so that feed
/// readers do not show the articles again.
/// </summary>
public partial class ExportRoundTripTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Both sites run on the same stopped clock: "now" decides what is scheduled, and the journal's times are the
    // feeds' <updated>, so the two sites see the same moment. Nothing else is normalized.
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // A real 1×1 PNG: the image folder only takes files whose bytes match their name.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static string ImageName => Convert.ToHexStringLower(SHA256.HashData(Png))[..32] + ".png";

    private static Task<(int ExitCode, string Output)> Run(IServiceProvider services, params string[] args) =>
        OperatorCommands.RunAsync(services, args);

    private static (string, string)[] Seed() =>
    [
        ("koeln.md", """
            ---
            title: "Gespräche über Köln: „Wir sind bereit“"
            ressort: Außenpolitik
            author: Jürgen Müller
            date: 2025-05-02T09:15:00
            tags: [" köln ", "Verkehr   und Bahn", "C#"]
            ---

            Erster Absatz mit *Betonung* und einem [Link](https://example.org/a?b=1&c=2).

            ## Die Pläne

            - eins
            - zwei mit `code`

            1. erstens
            2. zweitens

            ```csharp
            var x = "<b>";
            ```

            ![Ein Bild](/bilder/IMAGE)
            """.Replace("IMAGE", ImageName, StringComparison.Ordinal)),
        ("raute.md", """
            ---
            # ein Kommentar, den der Export stehen lässt
            title: '# Keine Überschrift'
            ressort: politik
            author: Lea Graf
            date: 2025-05-03
            tags: [KÖLN, "null", "yes"]
            ---

            Text über Köln.
            """),
        ("strich.md", "---\ntitle: \"- Spiegelstrich: am Anfang\"\nauthor: Lea Graf\ndate: 2025-05-04T10:00:00+02:00\nupdated: 2025-05-20T08:30:00+02:00\ncorrections:\n  - date: 2025-05-05T09:00:00+02:00\n    text: \"Erste Fassung: \\\"falsch\\\" <b>nicht fett</b>\"\n  - date: 2025-05-06T10:00:00Z\n    text: Zweite.\ntags: [Verkehr und Bahn]\nsummary: \"Zusammenfassung mit: Doppelpunkt und \\\"Anführungszeichen\\\"\"\n---\n\nEin Absatz.\n"),
        ("ja.md", "---\ntitle: yes\nslug: null-und-nichtig\nauthor: \"null\"\ndate: 2025-04-30T23:59:59Z\ntags: [true, \"#hashtag\"]\n---\n\n> Zitat\n\nEr sagte \"Nein\" & ging.\n"),
        ("geplant.md", "---\ntitle: Geplant für Juli\nauthor: Lea Graf\ndate: 2025-07-01T06:00:00+02:00\ntags: [köln]\n---\n\nKommt noch.\n"),
        ("entwurf.md", "---\ntitle: Ein Entwurf\ndraft: true\ntags: [Geheim]\n---\n\nUnfertig.\n"),
        ("ohne-datum.md", "---\ntitle: Ohne Datum geschrieben\nauthor: Jürgen Müller\n---\n\nErschienen, als es gespeichert wurde.\n"),
        // Imported first, so row 1: trashed and left out, it shifts every later article's row id in the copy, which
        // must not shift the feed entry ids.
        ("0-weg.md", "---\ntitle: Im Papierkorb\nauthor: Lea Graf\ndate: 2025-05-05\ntags: [Weg]\n---\n\nGelöscht.\n"),
        // A slug of its own and a Ressort without articles: the list comes back whole, in its order.
        ("ressorts.yml", "- name: Politik\n- name: Außenpolitik\n  slug: ausland\n- name: Leer\n"),
        // Variants that a later import must still file under their tags.
        ("tags.yml", "- name: Verkehr und Bahn\n  aliases: [Bahnverkehr]\n- name: köln\n  aliases: [Koeln, Cologne]\n"),
        ("authors/lea-graf.md", "---\nname: Lea Graf\n---\n\nLea schreibt über **Verkehr** in [Köln](https://example.org).\n"),
    ];

    [Fact]
    public async Task ExportThenImportIntoAnEmptySite_RendersEveryPublicPageIdentically()
    {
        var originalData = Repository.NewTempDirectory();
        Directory.CreateDirectory(Path.Combine(originalData, "images"));
        await File.WriteAllBytesAsync(Path.Combine(originalData, "images", ImageName), Png, Token);
        await using var original = new NewsSiteFactory(NewsSiteFactory.ContentFolder(Seed()), clock: new TestClock(Now), dataDirectory: originalData);
        var articles = original.Services.GetRequiredService<SiteStorage>();
        Assert.Equal(8, await articles.Articles.CountAsync(Token));
        var trashed = (await articles.Editing.ListForEditorsAsync(new EditorArticleFilter(null, "Papierkorb"), 1, 10, Token)).Items.Single();
        Assert.True(await articles.Articles.SetTrashedAsync(trashed.Id, trashed: true, "redaktion", Token));

        var export = Path.Combine(Repository.NewTempDirectory(), "export");
        var (exportCode, exportOutput) = await Run(original.Services, "export", export);

        Assert.True(exportCode == 0, exportOutput);
        Assert.Contains("5 veröffentlicht, 1 geplant, 1 Entwürfe", exportOutput, StringComparison.Ordinal);
        Assert.Contains("1 im Papierkorb → .papierkorb/", exportOutput, StringComparison.Ordinal);
        Assert.Contains("1 Bilder → images/", exportOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(export, ".papierkorb", "0000001-im-papierkorb.md")));
        Assert.Contains("# ein Kommentar, den der Export stehen lässt", await File.ReadAllTextAsync(Path.Combine(export, "0000007-keine-ueberschrift.md"), Token), StringComparison.Ordinal);

        await using var copy = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), clock: new TestClock(Now));
        var (importCode, importOutput) = await Run(copy.Services, "import", export);
        Assert.True(importCode == 0, importOutput);
        Assert.Contains("1 übernommen", importOutput, StringComparison.Ordinal);

        // The trashed article stays out, the draft comes back as a draft.
        Assert.Equal(7, await copy.Services.GetRequiredService<IArticleStore>().CountAsync(Token));

        var pages = await CrawlAsync(original);
        Assert.Equal(pages.Keys.Order(StringComparer.Ordinal), (await CrawlAsync(copy)).Keys.Order(StringComparer.Ordinal));
        foreach (var expected in new[]
        {
            "/", "/archiv", "/themen", "/artikel/gespraeche-ueber-koeln-wir-sind-bereit", "/artikel/keine-ueberschrift",
            "/artikel/null-und-nichtig", "/artikel/ohne-datum-geschrieben", "/thema/koeln", "/thema/verkehr-und-bahn", "/thema/null",
            "/autor/lea-graf", "/autor/juergen-mueller", "/autor/null", "/rss.xml", "/atom.xml", "/feed.json",
            "/thema/koeln/atom.xml", "/autor/lea-graf/rss.xml", "/ressort/ausland", "/ressort/politik", "/ressort/leer",
            "/ressort/ausland/rss.xml", "/sitemap.xml", "/sitemap-news.xml", "/sitemaps/artikel-1.xml", "/korrekturen",
        })
        {
            Assert.Contains(expected, pages.Keys);
        }

        // Not vacuous: the corrections of a file come back with it.
        Assert.Contains("Zweite.", pages["/korrekturen"], StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;nicht fett&lt;/b&gt;", pages["/korrekturen"], StringComparison.Ordinal);

        foreach (var (path, body) in pages)
        {
            var response = await copy.SendAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(
                body == await response.Content.ReadAsStringAsync(Token),
                $"{path} differs after export and import");
        }

        foreach (var hidden in new[] { "/artikel/im-papierkorb", "/artikel/ein-entwurf", "/artikel/geplant-fuer-juli" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await original.SendAsync(hidden)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await copy.SendAsync(hidden)).StatusCode);
        }

        Assert.Equal(
            "# Schlagwörter mit ihren Varianten: Ein Artikel, der eine Variante nennt, bekommt beim Import das Schlagwort.\n" +
            "- name: \"köln\"\n  aliases: [\"Cologne\", \"Koeln\"]\n- name: \"Verkehr und Bahn\"\n  aliases: [\"Bahnverkehr\"]\n",
            await File.ReadAllTextAsync(Path.Combine(export, "tags.yml"), Token));
        var copiedTags = await copy.Services.GetRequiredService<NewsSite.Core.Tags.ITagStore>().ListAsync(Now, Token);
        Assert.Equal(["Cologne", "Koeln"], copiedTags.Single(t => t.Name == "köln").Aliases.Select(a => a.Variant));

        var image = await copy.SendAsync("/bilder/" + ImageName);
        Assert.Equal(Png, await image.BytesAsync());
    }

    [Fact]
    public async Task Export_RefusesAFolderThatIsNotEmpty()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(Seed()[0]));
        var folder = NewsSiteFactory.ContentFolder(("notiz.txt", "bleibt"));

        var (exitCode, output) = await Run(site.Services, "export", folder);

        Assert.Equal(1, exitCode);
        Assert.Contains("ist nicht leer", output, StringComparison.Ordinal);
        Assert.Equal(["notiz.txt"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    /// <summary>
    /// Every public page reachable from the home page, the archive, the tag overview, the site feeds and the sitemaps,
    /// following links in HTML and addresses in XML and JSON; path and query, as the site links them.
    /// </summary>
    private static async Task<Dictionary<string, string>> CrawlAsync(NewsSiteFactory site)
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>(["/", "/archiv", "/themen", "/rss.xml", "/atom.xml", "/feed.json", "/sitemap.xml", "/sitemap-news.xml"]);
        var parser = new HtmlParser();
        while (queue.TryDequeue(out var path))
        {
            if (pages.ContainsKey(path))
            {
                continue;
            }

            var response = await site.SendAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync(Token);
            pages[path] = body;
            Assert.InRange(pages.Count, 1, 200);

            var links = response.Content.Headers.ContentType?.MediaType == "text/html"
                ? parser.ParseDocument(body).QuerySelectorAll("a[href], link[href]").Select(e => e.GetAttribute("href")!)
                : SiteAddress().Matches(body).Select(m => m.Value);
            foreach (var link in links)
            {
                var local = link.StartsWith(site.PublicBaseUrl, StringComparison.Ordinal) ? link[site.PublicBaseUrl.Length..] : link;
                local = WebUtility.HtmlDecode(local.Split('#')[0]);
                if (local.StartsWith('/') && !local.StartsWith("//", StringComparison.Ordinal) && IsPublicPage(local))
                {
                    queue.Enqueue(local);
                }
            }
        }

        return pages;
    }

    private static bool IsPublicPage(string path) =>
        !path.StartsWith("/admin", StringComparison.Ordinal) && !path.StartsWith("/bilder/", StringComparison.Ordinal)
        && !path.StartsWith("/css/", StringComparison.Ordinal) && !path.StartsWith("/favicon", StringComparison.Ordinal)
        && !path.StartsWith("/suche", StringComparison.Ordinal) && path.Length > 0;

    [GeneratedRegex(@"https://nachrichten\.example/[^""<\s]*", RegexOptions.CultureInvariant)]
    private static partial Regex SiteAddress();
}
