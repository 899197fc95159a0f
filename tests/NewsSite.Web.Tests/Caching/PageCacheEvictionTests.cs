using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Web.Tests.Support;
using static NewsSite.Web.Tests.Support.PageCacheChecks;

namespace NewsSite.Web.Tests.Caching;

/// <summary>
/// The output cache is evicted exactly: after each kind of change, every page that shows the changed article (its
/// page, listings, old and new tags and authors, feeds, sitemaps, search, the related blocks of articles sharing a
/// tag) comes fresh on the very next request, and pages that do not show it are still answered from the cache.
/// "From the cache" is what the output cache alone marks with an Age header.
/// </summary>
public class PageCacheEvictionTests
{
    private const string Form = "form#editor";

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    // Pages that show "haupt" (tags Verkehr and Köln, by Erika Muster) in some way. "nachbar" shares Köln with it,
    // so its related block lists it; page size 2 puts haupt on the second home page.
    private static readonly string[] ShowingHaupt =
    [
        "/artikel/haupt", "/", "/?seite=2", "/thema/verkehr", "/thema/koeln", "/autor/erika-muster", "/archiv", "/themen",
        "/archiv/2025/05", "/suche?q=haupt", "/rss.xml", "/atom.xml", "/thema/koeln/rss.xml", "/autor/erika-muster/rss.xml",
        "/sitemap.xml", "/sitemaps/artikel-1.xml", "/sitemaps/seiten-1.xml", "/artikel/nachbar",
    ];

    // Pages that do not: another author's and another tag's pages and feeds, and an article sharing no tag with it.
    private static readonly string[] NotShowingHaupt =
    [
        "/artikel/fremd", "/thema/kultur", "/thema/sport", "/autor/max-weber", "/thema/kultur/rss.xml", "/autor/max-weber/rss.xml",
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string slug, string title, string author, string tags, string date) =>
        $"---\ntitle: {title}\nslug: {slug}\nauthor: {author}\ntags: [{tags}]\ndate: {date}\n---\n\nText über {title}.\n";

    private static NewsSiteFactory Site(TestClock clock) => new(
        NewsSiteFactory.ContentFolder(
            ("haupt.md", Article("haupt", "Haupt", "Erika Muster", "Verkehr, Köln", "2025-05-01T10:00:00")),
            ("nachbar.md", Article("nachbar", "Nachbar", "Max Weber", "Köln, Sport", "2025-05-02T10:00:00")),
            ("fremd.md", Article("fremd", "Fremd", "Max Weber", "Kultur", "2025-05-03T10:00:00")),
            ("gruen.md", Article("gruen", "Grün", "Lena Schmidt", "Umwelt", "2025-05-04T10:00:00"))),
        pageSize: 2,
        clock: clock);

    private static async Task<string> TextOfAsync(NewsSiteFactory site, string path) =>
        (await site.GetPageAsync(path)).Document.DocumentElement.TextContent;

    private static async Task<string> SourceOfAsync(NewsSiteFactory site, string path) =>
        await (await site.SendAsync(path)).Content.ReadAsStringAsync(Token);

    private static IEnumerable<string> RelatedTitles(IDocument page) =>
        page.QuerySelectorAll(".related a").Select(a => a.TextContent.Trim());

    [Fact]
    public async Task Edit_EvictsEveryPageShowingTheArticleByOldAndNewTagsAndAuthor_AndNoOther()
    {
        await using var site = Site(new TestClock(Now));
        using var editor = await AdminClient.LoginAsync(site);
        string[] showingItAfterwards = ["/thema/umwelt", "/autor/lena-schmidt", "/artikel/gruen"];
        await WarmAsync(site, [.. ShowingHaupt, .. NotShowingHaupt, .. showingItAfterwards]);

        var (saved, _) = await editor.SubmitAsync(await editor.EditUrlOfAsync("Haupt"), Form, new()
        {
            ["Fields.Title"] = "Haupt neu",
            ["Fields.Tags"] = "Verkehr, Umwelt",
            ["Fields.Author"] = "Lena Schmidt",
        }, "Änderungen veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The very next request of each shows the edit.
        await AssertFreshAsync(site, [.. ShowingHaupt, .. showingItAfterwards]);
        await AssertStillCachedAsync(site, NotShowingHaupt);
        Assert.Contains("Haupt neu", await TextOfAsync(site, "/artikel/haupt"), StringComparison.Ordinal);
        Assert.Contains("Haupt neu", await TextOfAsync(site, "/?seite=2"), StringComparison.Ordinal);
        Assert.DoesNotContain("Haupt", await TextOfAsync(site, "/thema/koeln"), StringComparison.Ordinal);
        Assert.Contains("Haupt neu", await TextOfAsync(site, "/thema/umwelt"), StringComparison.Ordinal);
        Assert.DoesNotContain("Haupt", await TextOfAsync(site, "/autor/erika-muster"), StringComparison.Ordinal);
        Assert.Contains("Haupt neu", await TextOfAsync(site, "/autor/lena-schmidt"), StringComparison.Ordinal);
        Assert.Contains("Haupt neu", await SourceOfAsync(site, "/rss.xml"), StringComparison.Ordinal);
        Assert.Contains("Haupt neu", await TextOfAsync(site, "/suche?q=haupt"), StringComparison.Ordinal);
        Assert.DoesNotContain("Haupt neu", RelatedTitles((await site.GetPageAsync("/artikel/nachbar")).Document));
        Assert.Contains("Haupt neu", RelatedTitles((await site.GetPageAsync("/artikel/gruen")).Document));
    }

    [Fact]
    public async Task Publish_EvictsListingsFeedsSearchAndTheArticlesSharingItsTags()
    {
        await using var site = Site(new TestClock(Now));
        using var editor = await AdminClient.LoginAsync(site);
        await WarmAsync(site, [.. ShowingHaupt, .. NotShowingHaupt]);

        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form("---\ntitle: Ganz neu\nauthor: Erika Muster\ntags: [Köln]\n---\n\nHaupt und Nebensache.\n"), "Veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // Everything showing Köln, Erika Muster or the whole site, and the articles tagged Köln for their related block.
        await AssertFreshAsync(site, ShowingHaupt.Where(p => p != "/thema/verkehr"));
        await AssertStillCachedAsync(site, [.. NotShowingHaupt, "/thema/verkehr"]);
        Assert.Contains("Ganz neu", await TextOfAsync(site, "/"), StringComparison.Ordinal);
        Assert.Contains("Ganz neu", await TextOfAsync(site, "/thema/koeln"), StringComparison.Ordinal);
        Assert.Contains("Ganz neu", RelatedTitles((await site.GetPageAsync("/artikel/haupt")).Document));
        Assert.Contains("Ganz neu", RelatedTitles((await site.GetPageAsync("/artikel/nachbar")).Document));
        Assert.Contains("ganz-neu", await SourceOfAsync(site, "/sitemaps/artikel-1.xml"), StringComparison.Ordinal);
        Assert.Contains("Ganz neu", await TextOfAsync(site, "/suche?q=haupt"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unpublish")]
    [InlineData("trash")]
    public async Task UnpublishOrTrash_TakesTheArticleOffEveryPageAtOnce(string change)
    {
        await using var site = Site(new TestClock(Now));
        using var editor = await AdminClient.LoginAsync(site);
        await WarmAsync(site, [.. ShowingHaupt, .. NotShowingHaupt]);
        var editUrl = await editor.EditUrlOfAsync("Haupt");

        var (saved, _) = change == "trash"
            ? await editor.SubmitConfirmedAsync(editUrl, "form.editor__trash")
            : await editor.SubmitConfirmedAsync(editUrl, Form, "Zurückziehen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/haupt")).Response.StatusCode);
        await AssertFreshAsync(site, ShowingHaupt.Where(p => p is not "/artikel/haupt" and not "/?seite=2" and not "/suche?q=haupt"));
        await AssertStillCachedAsync(site, NotShowingHaupt);
        Assert.DoesNotContain("Haupt", await TextOfAsync(site, "/thema/koeln"), StringComparison.Ordinal);
        Assert.DoesNotContain("Haupt", await SourceOfAsync(site, "/rss.xml"), StringComparison.Ordinal);
        Assert.DoesNotContain("haupt", await SourceOfAsync(site, "/sitemaps/artikel-1.xml"), StringComparison.Ordinal);
        Assert.Empty(RelatedTitles((await site.GetPageAsync("/artikel/nachbar")).Document));
        Assert.Contains("Keine Treffer", await TextOfAsync(site, "/suche?q=haupt"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ScheduledArticle_EvictsNothingWhenSaved_AndEverythingItShowsUpOnWhenItsTimeComes()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site);
        await WarmAsync(site, [.. ShowingHaupt, .. NotShowingHaupt]);

        var (scheduled, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form("---\ntitle: Kommt morgen\nauthor: Erika Muster\ntags: [Köln]\n---\n\nBald.\n", new()
        {
            ["Fields.Date"] = "2025-06-02T08:00",
        }), "Veröffentlichen");
        var (draft, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form("---\ntitle: Noch geheim\nauthor: Erika Muster\ntags: [Köln]\n---\n\nEntwurf.\n"), "Als Entwurf speichern");
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);

        // Nothing a reader can see has changed yet.
        await AssertStillCachedAsync(site, [.. ShowingHaupt, .. NotShowingHaupt]);

        clock.Now = new DateTimeOffset(2025, 6, 2, 6, 0, 1, TimeSpan.Zero); // 08:00:01 in Berlin

        // No write happened, yet the first request after its time finds it everywhere it belongs.
        Assert.Contains("Kommt morgen", await TextOfAsync(site, "/"), StringComparison.Ordinal);
        await AssertFreshAsync(site, ShowingHaupt.Where(p => p is not "/" and not "/thema/verkehr"));
        await AssertStillCachedAsync(site, [.. NotShowingHaupt, "/thema/verkehr"]);
        Assert.Contains("Kommt morgen", RelatedTitles((await site.GetPageAsync("/artikel/nachbar")).Document));
        Assert.Contains("Kommt morgen", await SourceOfAsync(site, "/thema/koeln/rss.xml"), StringComparison.Ordinal);
        Assert.DoesNotContain("Noch geheim", await TextOfAsync(site, "/thema/koeln"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorBio_EvictsTheAuthorPageAndFeed_Only()
    {
        await using var site = Site(new TestClock(Now));
        using var editor = await AdminClient.LoginAsync(site);
        await WarmAsync(site, "/autor/erika-muster", "/autor/erika-muster/rss.xml", "/autor/max-weber", "/artikel/haupt", "/");

        var (saved, _) = await editor.SubmitAsync("/admin/autoren/erika-muster", "form#bio-form", new() { ["Bio"] = "Erika schreibt über Verkehr." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await AssertFreshAsync(site, "/autor/erika-muster", "/autor/erika-muster/rss.xml");
        Assert.Contains("Erika schreibt über Verkehr.", await TextOfAsync(site, "/autor/erika-muster"), StringComparison.Ordinal);
        await AssertStillCachedAsync(site, "/autor/max-weber", "/artikel/haupt");
    }

    [Fact]
    public async Task AnotherProcessesWrite_IsSeenWithinASecond()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        await WarmAsync(site, "/", "/thema/koeln", "/artikel/fremd");

        // Like the import command: its own repository on the same file, with no line to this process's cache.
        var parser = site.Services.GetRequiredService<ArticleParser>();
        var otherProcess = SiteDatabase.OpenStorage(site, clock).Articles;
        await otherProcess.SaveAsync(
            parser.Parse("import/neu.md", Article("von-aussen", "Von außen", "Erika Muster", "Köln", "2025-05-30T10:00:00")),
            ArticleOrigin.ImportedFile("import/neu.md"),
            cancellationToken: Token);

        await AssertStillCachedAsync(site, "/");
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Contains("Von außen", await TextOfAsync(site, "/"), StringComparison.Ordinal);
        await AssertFreshAsync(site, "/thema/koeln");
        await AssertStillCachedAsync(site, "/artikel/fremd");
    }

    [Fact]
    public async Task CaseVariantsAndUnknownParameters_ShareNoWrongCopy()
    {
        await using var site = Site(new TestClock(Now));
        await WarmAsync(site, "/thema/koeln", "/?seite=2");

        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/thema/Koeln")).Response.StatusCode);
        var (_, _, unknownParameter) = await site.GetCachedPageAsync("/thema/koeln?x=1");
        Assert.True(unknownParameter); // same page, same copy: "?x=…" cannot fill the cache
        var (_, secondPage, _) = await site.GetCachedPageAsync("/?seite=2");
        Assert.Contains("Haupt", secondPage.DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Haupt", (await site.GetPageAsync("/?seite=1")).Document.DocumentElement.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedHostHeaders_ShareTheOneCopy_AndCannotFillTheCache()
    {
        await using var site = Site(new TestClock(Now));
        await WarmAsync(site, "/thema/koeln");

        // Foreign hosts are refused before the cache (ForgedHostTests); the site's own host under other spellings
        // and ports is answered from the one copy stored under the real host.
        foreach (var host in new[] { "nachrichten.example:8443", "NACHRICHTEN.EXAMPLE", "localhost:1234", "127.0.0.1" })
        {
            using var response = await site.SendAsync("/thema/koeln", HttpMethod.Get, ("Host", host));
            Assert.NotNull(response.Headers.Age);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain(host, html, StringComparison.Ordinal);
        }

        using var foreign = await site.SendAsync("/thema/koeln", HttpMethod.Get, ("Host", "evil.example"));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Null(foreign.Headers.Age);
    }

    [Fact]
    public async Task SignedInEditors_AndTheAdmin_AreNeverCached()
    {
        await using var site = Site(new TestClock(Now));
        using var editor = await AdminClient.LoginAsync(site);

        var (first, _) = await editor.GetAsync("/admin");
        var (second, _) = await editor.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.Null(second.Headers.Age);
    }
}
