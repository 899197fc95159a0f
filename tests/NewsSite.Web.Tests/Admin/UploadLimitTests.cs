using System.IO.Compression;
using System.Net;
using System.Reflection;
using System.Text;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Web.Tests.Support;
using Serilog.Events;

namespace NewsSite.Web.Tests.Admin;

/// <summary>
/// The upload form against the limits of a whole request and against files that fail: every file gets its line, in
/// order, and one bad file never stops or hides the others. Submitted as a browser does; the report read with AngleSharp.
/// </summary>
public class UploadLimitTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static string Article(string title, string date = "2025-05-30T09:00", string body = "Ein Absatz.") =>
        $"---\ntitle: \"{title}\"\nauthor: Erika Muster\ndate: {date}\n---\n\n{body}\n";

    private static FormFile Md(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    private static FormFile Zip(string name, params (string Entry, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entry, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(entry).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return new FormFile(name, buffer.ToArray(), "application/zip");
    }

    private static NewsSiteFactory Site(Dictionary<string, string?>? settings = null, LogCapture? logs = null) =>
        new(NewsSiteFactory.ContentFolder(), clock: new TestClock(Now)) { Settings = settings ?? [], Logs = logs };

    private static async Task<(HttpResponseMessage Response, List<(string File, string Outcome, string Text)> Lines)> UploadAsync(
        NewsSiteFactory site, params FormFile[] files)
    {
        using var editor = await AdminClient.LoginAsync(site);
        var (response, page) = await editor.SubmitAsync("/admin/hochladen", "form[enctype='multipart/form-data']", button: "Veröffentlichen",
            files: new() { ["files"] = files });
        return (response, Lines(page));
    }

    private static List<(string File, string Outcome, string Text)> Lines(IDocument page) =>
        page.QuerySelectorAll(".results > .result").Select(r => (
            r.QuerySelector(".result__file")!.TextContent,
            r.ClassList.Single(c => c.StartsWith("result--", StringComparison.Ordinal))["result--".Length..],
            string.Join(' ', r.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))).ToList();

    [Fact]
    public async Task ABadFileInTheMiddleOfThree_GetsItsOwnLine_AndTheFirstAndThirdAreStored()
    {
        await using var site = Site();

        // A date in the first hour of year 1 was a 500 that stored the first file unreported and never read the third.
        var (response, lines) = await UploadAsync(site,
            Md("eins.md", Article("Erster Artikel")), Md("mitte.md", Article("Uralt", date: "0001-01-01T00:30")), Md("drei.md", Article("Dritter Artikel")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["eins.md", "mitte.md", "drei.md"], lines.Select(l => l.File));
        Assert.Equal(["published", "rejected", "published"], lines.Select(l => l.Outcome));
        Assert.Contains("Zeile 4, Feld „date“: „0001-01-01T00:30“ liegt außerhalb des erlaubten Zeitraums: Erlaubt sind Daten in den Jahren 1900 bis 2100",
            lines[1].Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/erster-artikel")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/uralt")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/dritter-artikel")).Response.StatusCode);
    }

    [Fact]
    public async Task AFileThatFailsUnexpectedly_IsRejectedOnItsOwn_AndLoggedWithItsException_TheOthersGoIn()
    {
        var logs = new LogCapture();
        await using var site = new FailingSite(failForTitle: "Zweiter Artikel", logs);

        var (response, lines) = await UploadAsync(site,
            Md("1.md", Article("Erster Artikel")), Md("2.md", Article("Zweiter Artikel")), Md("3.md", Article("Dritter Artikel")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["published", "rejected", "published"], lines.Select(l => l.Outcome));
        Assert.Contains("Unerwarteter Fehler beim Verarbeiten dieser Datei; von ihr wurde nichts gespeichert", lines[1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Festplatte", lines[1].Text, StringComparison.Ordinal);
        var logged = Assert.Single(logs.Events, e => e.Level == LogEventLevel.Error && LogCapture.Property(e, "File") == "2.md");
        Assert.IsType<InvalidOperationException>(logged.Exception);
        Assert.Equal("anna", LogCapture.Property(logged, "Account"));
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/dritter-artikel")).Response.StatusCode);
    }

    [Fact]
    public async Task SeveralZips_AreHeldToOneFileLimitPerRequest_TheFilesBeyondItAreListedAsNotRead()
    {
        await using var site = Site(new() { ["NewsSite:MaxFilesPerUpload"] = "3" });

        var (_, lines) = await UploadAsync(site,
            Zip("a.zip", ("1.md", Article("Eins")), ("2.md", Article("Zwei"))),
            Zip("b.zip", ("3.md", Article("Drei")), ("4.md", Article("Vier"))),
            Md("5.md", Article("Fünf")));

        Assert.Equal(["a.zip/1.md", "a.zip/2.md", "b.zip/3.md", "b.zip/4.md", "5.md"], lines.Select(l => l.File));
        Assert.Equal(["published", "published", "published", "notread", "notread"], lines.Select(l => l.Outcome));
        Assert.All(lines.Skip(3), l => Assert.Contains("nicht gelesen: Die Grenze von 3 Markdown-Dateien je Upload ist erreicht", l.Text, StringComparison.Ordinal));
        Assert.Equal(3, await site.Services.GetRequiredService<IArticleStore>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SmallZipsThatUnpackBeyondMaxUploadBytes_StopThere()
    {
        await using var site = Site(new() { ["NewsSite:MaxMarkdownFileBytes"] = "8192", ["NewsSite:MaxUploadBytes"] = "10240" });
        var zips = Enumerable.Range(1, 3).Select(i => Zip($"z{i}.zip", ("a.md", Article($"Bombe {i}", body: new string('a', 4000))))).ToArray();
        Assert.All(zips, z => Assert.True(z.Bytes.Length < 500));

        var (_, lines) = await UploadAsync(site, zips);

        Assert.Equal(["published", "published", "notread"], lines.Select(l => l.Outcome));
        Assert.Contains("Die Grenze von 10 KB entpackt je Upload ist erreicht", lines[2].Text, StringComparison.Ordinal);
        Assert.Equal(2, await site.Services.GetRequiredService<IArticleStore>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EveryEntryOfAZip_IsListed_MacMetadataFoldersAndHiddenFilesToo()
    {
        await using var site = Site();

        var (_, lines) = await UploadAsync(site, Zip("paket.zip",
            ("ordner/artikel.md", Article("Aus dem Ordner")), ("__MACOSX/ordner/._artikel.md", "Metadaten"), (".DS_Store", "Finder")));

        Assert.Equal(
            [("paket.zip/.DS_Store", "skipped"), ("paket.zip/__MACOSX/ordner/._artikel.md", "skipped"), ("paket.zip/ordner/artikel.md", "published")],
            lines.Select(l => (l.File, l.Outcome)));
        Assert.Contains("übersprungen: Versteckte Datei", lines[0].Text, StringComparison.Ordinal);
        Assert.Contains("übersprungen: Zusatzdaten von macOS", lines[1].Text, StringComparison.Ordinal);
    }

    /// <summary>The real site, except that storing one title fails in a way no code foresees.</summary>
    private sealed class FailingSite(string failForTitle, LogCapture logs) : NewsSiteFactory(ContentFolder(), clock: new TestClock(Now))
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<Serilog.Core.ILogEventSink>(logs);
                services.AddSingleton(sp => FailingArticles.Around(sp.GetRequiredService<SiteStorage>().Articles, failForTitle));
            });
        }
    }

    /// <summary>Passes every call to the real store; creating the article with one title throws instead.</summary>
    public class FailingArticles : DispatchProxy
    {
        private IArticleStore _inner = null!;
        private string _title = "";

        public static IArticleStore Around(IArticleStore inner, string title)
        {
            var proxy = Create<IArticleStore, FailingArticles>();
            ((FailingArticles)(object)proxy)._inner = inner;
            ((FailingArticles)(object)proxy)._title = title;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IArticleStore.CreateAsync) && args?[0] is ArticleContent content && content.Title == _title)
            {
                throw new InvalidOperationException("Die Festplatte ist voll.");
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}
