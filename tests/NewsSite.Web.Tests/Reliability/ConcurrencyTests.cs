using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Import;
using NewsSite.Core.Tests.Support;
using NewsSite.Web.Commands;
using NewsSite.Web.Tests.Support;
using Serilog.Events;

namespace NewsSite.Web.Tests.Reliability;

/// <summary>
/// Readers, editors and an import at the same time, against one SQLite file: nobody gets an error or waits in vain
/// for the write lock, every save the server acknowledged is a revision, and once the writers stop every page shows
/// the last version, page cache included. Bounded by a deadline and by counts; nothing here measures speed.
/// </summary>
public partial class ConcurrencyTests
{
    private const string Form = "form#editor";
    private const int WriterCount = 3;
    private const int ReaderCount = 4;
    private const int ImportedArticles = 600;

    // Each writer goes on until the deadline has passed and it has saved at least the minimum, or it reaches the maximum.
    private static readonly TimeSpan WritingTime = TimeSpan.FromSeconds(4);
    private const int MinSavesPerWriter = 8;
    private const int MaxSavesPerWriter = 60;
    private const int MaxRequestsPerReader = 3000;

    private static readonly TimeSpan LockHeldFor = TimeSpan.FromSeconds(1.5);
    private const int HeldLocks = 2;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Source(string title, int writer, string version) =>
        $"---\ntitle: \"{title}\"\nauthor: Schreiber {writer}\ntags: [Schreiber {writer}, Gemeinsam]\n---\n\n" +
        $"Erster Absatz. {Marker(version)}\n\n## Mehr\n\nZweiter Absatz.\n";

    // The text each save changes, so that every acknowledged save is a new revision and its page can be recognized.
    private static string Marker(string version) => $"Fassung {version} Ende.";

    [GeneratedRegex(@"Fassung [^ ]+ Ende\.")]
    private static partial Regex MarkerPattern();

    /// <summary>An article and every save of it the server acknowledged: what the database and the public pages must show.</summary>
    private sealed class Written(long id, string title, int writer, string firstVersion)
    {
        public long Id { get; } = id;
        public string Title { get; } = title;

        /// <summary>Who created it, whose tag it carries.</summary>
        public int Writer { get; } = writer;

        public string EditUrl => $"/admin/artikel/{Id}";
        public ConcurrentQueue<string> AcknowledgedVersions { get; } = new([firstVersion]);

        /// <summary>Changed only by the article's own writer; the shared article stays published.</summary>
        public bool Published { get; set; } = true;
    }

    [Fact]
    public async Task ReadersEditorsAndAnImport_AtOnce_NoErrorNoLockNoLostRevisionNoStalePage()
    {
        var logs = new LogCapture();
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), pageSize: 50) { Logs = logs };
        var corpus = Path.Combine(Repository.NewTempDirectory(), "korpus");
        using (var output = new StringWriter())
        {
            var generated = await CommandLine.Parse(["generate", "--articles", $"{ImportedArticles}", "--tags", "30", "--markdown", corpus])!
                .RunAsync(site.Services, TextReader.Null, output);
            Assert.True(generated == 0, output.ToString());
        }

        var editors = new List<AdminClient>();
        for (var w = 0; w < WriterCount; w++)
        {
            editors.Add(await AdminClient.LoginAsync(site, $"schreiber{w}"));
        }

        // One article every writer edits: saves race for the same revision, and the losers are told (409), not lost.
        var shared = await CreateAsync(editors[0], "Gemeinsamer Artikel", 0, "g");
        Assert.NotNull(shared);
        var written = new ConcurrentDictionary<long, Written>();
        written[shared.Id] = shared;

        var failures = new ConcurrentQueue<string>();
        var slugs = new ConcurrentBag<string> { "gemeinsamer-artikel" };
        var conflicts = 0;
        var readerRequests = 0;
        using var writersDone = new CancellationTokenSource();
        var deadline = DateTimeOffset.UtcNow + WritingTime;

        async Task WriteAsync(int w)
        {
            var editor = editors[w];
            var random = new Random(w);
            var own = new List<Written>();
            for (var save = 0; save < MaxSavesPerWriter && (save < MinSavesPerWriter || DateTimeOffset.UtcNow < deadline); save++)
            {
                var version = $"{w}-{save}";
                var action = own.Count < 2 ? 0 : random.Next(5);
                if (action == 0 && own.Count < 8)
                {
                    var title = $"Artikel von {w} Nummer {own.Count}";
                    var created = await CreateAsync(editor, title, w, version);
                    if (created is null)
                    {
                        failures.Enqueue($"Schreiber {w}: „{title}“ nicht angelegt");
                        continue;
                    }

                    own.Add(created);
                    written[created.Id] = created;
                    slugs.Add(Slug.FromText(title, "artikel"));
                }
                else if (action == 1)
                {
                    var outcome = await EditAsync(editor, shared, version, "Änderungen veröffentlichen");
                    if (outcome == HttpStatusCode.Conflict)
                    {
                        Interlocked.Increment(ref conflicts);
                    }
                    else if (outcome != HttpStatusCode.Redirect)
                    {
                        failures.Enqueue($"Schreiber {w}: gemeinsamer Artikel → {(int)outcome}");
                    }
                }
                else
                {
                    // Edit, unpublish or publish one of its own articles, through the buttons the page shows.
                    var article = own[random.Next(own.Count)];
                    var toggle = action == 2;
                    var button = (article.Published, toggle) switch
                    {
                        (true, false) => "Änderungen veröffentlichen",
                        (true, true) => "Zurückziehen",
                        (false, false) => "Als Entwurf speichern",
                        (false, true) => "Veröffentlichen",
                    };
                    var outcome = await EditAsync(editor, article, version, button);
                    if (outcome != HttpStatusCode.Redirect)
                    {
                        failures.Enqueue($"Schreiber {w}: {article.EditUrl} mit „{button}“ → {(int)outcome}");
                    }
                    else if (toggle)
                    {
                        article.Published = !article.Published;
                    }
                }
            }
        }

        // Another process's long write transaction (a big import batch on a slow disk, a backup): the editors' saves
        // must wait for it, not fail. Held far below the busy timeout, so a slow machine cannot turn it into a failure.
        async Task HoldTheWriteLockAsync()
        {
            for (var i = 0; i < HeldLocks && !writersDone.IsCancellationRequested; i++)
            {
                await SiteDatabase.HoldWriteLockAsync(site, LockHeldFor, Token);
                await Task.Delay(LockHeldFor, Token);
            }
        }

        async Task ReadAsync(int r)
        {
            var random = new Random(100 + r);
            string[] pages =
            [
                "/", "/?seite=2", "/thema/gemeinsam", "/thema/schreiber-0", "/thema/schreiber-1", "/autor/schreiber-2",
                "/suche?q=Fassung", "/suche?q=Absatz", "/rss.xml", "/atom.xml", "/sitemap.xml", "/archiv", "/themen",
            ];
            for (var i = 0; i < MaxRequestsPerReader && !writersDone.IsCancellationRequested; i++)
            {
                var known = slugs.ToArray();
                var path = random.Next(2) == 0 ? pages[random.Next(pages.Length)] : "/artikel/" + known[random.Next(known.Length)];
                using var response = await site.SendAsync(path);
                Interlocked.Increment(ref readerRequests);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Enqueue($"Leser {r}: {path} → {(int)response.StatusCode}");
                }
            }
        }

        var import = Task.Run(() => site.Services.GetRequiredService<ArticleImporter>().ImportFolderAsync(corpus, cancellationToken: Token), Token);
        var writers = Enumerable.Range(0, WriterCount).Select(w => Task.Run(() => WriteAsync(w), Token)).ToList();
        var readers = Enumerable.Range(0, ReaderCount).Select(r => Task.Run(() => ReadAsync(r), Token)).ToList();
        var holder = Task.Run(HoldTheWriteLockAsync, Token);
        await Task.WhenAll([.. writers, import]);
        await writersDone.CancelAsync();
        await Task.WhenAll([.. readers, holder]);
        var report = await import;

        Assert.Empty(failures);
        Assert.Equal((ImportedArticles, 0), (report.Created, report.Failed));
        Assert.True(readerRequests > 0);
        TestContext.Current.SendDiagnosticMessage(
            $"{written.Values.Sum(a => a.AcknowledgedVersions.Count)} Speicherungen, {conflicts} Konflikte, {readerRequests} Leseanfragen");

        // Straight from the file: each article has exactly the revisions its writers were told were saved, and its
        // page shows the newest of them (several writers save the shared article, so only the database knows which).
        var newest = new Dictionary<long, string>();
        await using (var connection = await SiteDatabase.OpenConnectionAsync(site))
        {
            var revisions = (await connection.QueryAsync<(long ArticleId, long Number, string Markdown)>(
                    "SELECT r.article_id, r.number, r.markdown FROM revisions r JOIN articles a ON a.id = r.article_id WHERE a.source_key IS NULL;"))
                .ToLookup(r => r.ArticleId);
            var stored = (await connection.QueryAsync<(long Id, long Revision, bool IsDraft)>(
                    "SELECT id, revision, is_draft FROM articles WHERE source_key IS NULL;"))
                .ToDictionary(a => a.Id);
            Assert.Equal(written.Keys.Order(), stored.Keys.Order());
            foreach (var article in written.Values)
            {
                var versions = revisions[article.Id].OrderBy(r => r.Number).Select(r => MarkerPattern().Match(r.Markdown).Value).ToList();
                Assert.Equal(article.AcknowledgedVersions.Select(Marker).Order(StringComparer.Ordinal), versions.Order(StringComparer.Ordinal));
                Assert.Equal((versions.Count, !article.Published), ((int)stored[article.Id].Revision, stored[article.Id].IsDraft));
                newest[article.Id] = versions[^1];
            }

            Assert.Equal(ImportedArticles, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM articles WHERE source_key IS NOT NULL;"));
            Assert.Empty(await DatabaseAudit.IncompleteArticlesAsync(connection));
            Assert.Empty(await DatabaseAudit.CounterDisagreementsAsync(connection));
        }

        // The writers have stopped: every page, from the cache or not, shows what was saved last.
        foreach (var article in written.Values)
        {
            var slug = article == shared ? "gemeinsamer-artikel" : Slug.FromText(article.Title, "artikel");
            var (response, page) = await site.GetPageAsync("/artikel/" + slug);
            if (article.Published)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(newest[article.Id], MarkerPattern().Match(page.Body!.TextContent).Value);
            }
            else
            {
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }

        var publishedTitles = written.Values.Where(a => a.Published).Select(a => a.Title).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(publishedTitles, await TitlesAsync(site, "/thema/gemeinsam"));
        for (var w = 0; w < WriterCount; w++)
        {
            var own = written.Values.Where(a => a.Published && a.Writer == w).Select(a => a.Title);
            Assert.Equal(own.Order(StringComparer.Ordinal), await TitlesAsync(site, $"/thema/schreiber-{w}"));
        }

        // Nothing went wrong quietly either: no error in the log, and SQLite never gave up waiting for a lock.
        var problems = logs.Events
            .Where(e => e.Level >= LogEventLevel.Error || LogCapture.Describe(e).Contains("locked", StringComparison.OrdinalIgnoreCase)
                        || LogCapture.Describe(e).Contains("SQLITE_BUSY", StringComparison.OrdinalIgnoreCase))
            .Select(LogCapture.Describe);
        Assert.Empty(problems);

        foreach (var editor in editors)
        {
            editor.Dispose();
        }
    }

    private static async Task<List<string>> TitlesAsync(NewsSiteFactory site, string path)
    {
        var (response, page) = await site.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. page.QuerySelectorAll(".teasers .teaser__title a").Select(a => a.TextContent.Trim()).Order(StringComparer.Ordinal)];
    }

    /// <summary>Writes a new article through the form; null unless the server acknowledged it.</summary>
    private static async Task<Written?> CreateAsync(AdminClient editor, string title, int writer, string version)
    {
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(Source(title, writer, version)), "Veröffentlichen");
        if (saved.StatusCode != HttpStatusCode.Redirect
            || Regex.Match(saved.Headers.Location?.OriginalString ?? "", @"^/admin/artikel/(\d+)$") is not { Success: true } match)
        {
            return null;
        }

        return new Written(long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), title, writer, version);
    }

    /// <summary>Opens the edit page, changes the marker in the text and presses <paramref name="button"/>.</summary>
    private static async Task<HttpStatusCode> EditAsync(AdminClient editor, Written article, string version, string button)
    {
        var (_, page) = await editor.GetAsync(article.EditUrl);
        var body = page.QuerySelector("#body")?.TextContent ?? "";
        var values = new Dictionary<string, string> { ["Body"] = MarkerPattern().Replace(body, Marker(version)) };
        if (button == "Zurückziehen")
        {
            values["Confirmed"] = "true"; // what the page's "Ja, zurückziehen" sends
        }

        var (saved, _) = await editor.SubmitAsync(page, article.EditUrl, Form, values, button);
        if (saved.StatusCode == HttpStatusCode.Redirect)
        {
            article.AcknowledgedVersions.Enqueue(version);
        }

        return saved.StatusCode;
    }
}
