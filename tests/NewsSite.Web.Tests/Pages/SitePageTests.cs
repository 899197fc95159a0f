using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Core.SitePages;
using NewsSite.Web.Tests.Support;
using Serilog.Events;

namespace NewsSite.Web.Tests.Pages;

/// <summary>Impressum, Datenschutz and further fixed pages: from content/seiten/, in every footer, kept by admins.</summary>
public class SitePageTests(SeededSite seeded) : IClassFixture<SeededSite>
{
    private const string Form = "form#page-form";

    private static string Article(string title) =>
        $"---\ntitle: \"{title}\"\nauthor: Redaktion\ndate: 2025-03-01T10:00:00\ntags: [Chronik]\n---\n\nText.\n";

    private static string PageFile(string title, string body) => $"---\ntitle: \"{title}\"\n---\n\n{body}\n";

    private static NewsSiteFactory Site(params (string, string)[] files) =>
        new(NewsSiteFactory.ContentFolder([("a.md", Article("Eins")), .. files]));

    private static string[] FooterLinks(IDocument page) =>
        [.. page.QuerySelectorAll(".site-footer a").Select(a => $"{a.GetAttribute("href")} {a.TextContent.Trim()}")];

    [Fact]
    public async Task SampleSite_HasImpressumAndDatenschutz_LinkedInEveryFooter()
    {
        var (imprintResponse, imprint) = await seeded.GetPageAsync("/impressum");
        var (privacyResponse, privacy) = await seeded.GetPageAsync("/datenschutz");
        var (_, home) = await seeded.GetPageAsync("/");
        var (_, article) = await seeded.GetPageAsync($"/artikel/{SeededSite.SeedSlug}");

        Assert.Equal(HttpStatusCode.OK, imprintResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, privacyResponse.StatusCode);
        Assert.Equal("Impressum", imprint.QuerySelector("h1")!.TextContent);
        Assert.Equal("Impressum – NewsSite", imprint.Title);
        Assert.Contains("Angaben gemäß § 5 DDG", imprint.QuerySelectorAll(".site-page__body h2").Select(h => h.TextContent));
        Assert.Equal("https://nachrichten.example/impressum", imprint.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("Datenschutz", privacy.QuerySelector("h1")!.TextContent);
        Assert.Equal("/impressum", privacy.QuerySelector(".site-page__body a")!.GetAttribute("href"));
        foreach (var page in new[] { home, article, imprint })
        {
            // After the sections and the feed, in German title order: Datenschutz before Impressum.
            Assert.Equal(["/datenschutz Datenschutz", "/impressum Impressum"], FooterLinks(page)[^2..]);
        }
    }

    [Theory]
    [InlineData("/gibt-es-nicht")]
    [InlineData("/Impressum")]
    [InlineData("/impressum%2E")]
    [InlineData("/neu")]
    public async Task UnknownOrMisspelledPages_AreTheGerman404(string path)
    {
        var (response, page) = await seeded.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nicht gefunden", page.QuerySelector("h1")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RawHtmlAndScriptLinks_InAPage_NeverExecute()
    {
        await using var site = Site(("seiten/kontakt.md", PageFile("Kontakt",
            "<script>alert(1)</script>\n\n[Klick](javascript:alert(1)) und <img src=x onerror=alert(1)>")));

        var (_, page) = await site.GetPageAsync("/kontakt");

        var body = page.QuerySelector(".site-page__body")!;
        Assert.Empty(body.QuerySelectorAll("script, img, [onerror]"));
        Assert.DoesNotContain(body.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<script>alert(1)</script>", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ReportsABrokenPageFile_AndTakesTheOthers()
    {
        await using var site = Site(
            ("seiten/impressum.md", PageFile("Impressum", "Musterverlag")),
            ("seiten/ohne-titel.md", "Kein Kopf, nur Text.\n"),
            ("seiten/suche.md", PageFile("Suche", "Verdeckt die Suche.")));

        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/impressum")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/ohne-titel")).Response.StatusCode);
        var (search, _) = await site.GetPageAsync("/suche");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);

        var pages = await site.Services.GetRequiredService<ISitePageStore>().ListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["impressum"], pages.Select(p => p.Slug));
    }

    [Fact]
    public async Task Admin_WritesANewPage_ItAppearsAtOnceInEveryFooter_EvenOnCachedPages()
    {
        await using var site = Site(("seiten/impressum.md", PageFile("Impressum", "Musterverlag")));
        using var admin = await AdminClient.LoginAsync(site, "root", UserRole.Admin);
        await site.GetCachedPageAsync("/");
        Assert.True((await site.GetCachedPageAsync("/")).FromCache);

        var (saved, _) = await admin.SubmitAsync("/admin/seiten/neu", Form, new()
        {
            ["Title"] = "Kontakt",
            ["Address"] = "kontakt",
            ["Markdown"] = "## Redaktion\n\nredaktion@example.de",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/admin/seiten/kontakt", saved.Headers.Location!.OriginalString);
        var (_, edit) = await admin.FollowAsync(saved);
        Assert.Contains("Die Seite ist angelegt", edit.QuerySelector(".notice--success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Redaktion", edit.QuerySelector(".preview__page h2")!.TextContent);

        var (_, contact) = await site.GetPageAsync("/kontakt");
        Assert.Equal("Kontakt", contact.QuerySelector("h1")!.TextContent);
        var (_, home, fromCache) = await site.GetCachedPageAsync("/");
        Assert.False(fromCache);
        Assert.Equal(["/impressum Impressum", "/kontakt Kontakt"], FooterLinks(home)[^2..]);

        // A new title shows in the footer too.
        var (renamed, _) = await admin.SubmitAsync("/admin/seiten/kontakt", Form, new() { ["Title"] = "Kontakt und Hinweise" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal("/kontakt Kontakt und Hinweise", FooterLinks((await site.GetPageAsync("/artikel/eins")).Document)[^1]);
    }

    [Theory]
    [InlineData("", "kontakt", "x", "title", "Bitte einen Titel angeben")]
    [InlineData("Kontakt", "", "x", "slug", "Bitte eine Adresse angeben")]
    [InlineData("Kontakt", "Kontakt Seite", "x", "slug", "nur Kleinbuchstaben")]
    [InlineData("Suche", "suche", "x", "slug", "gehört der Website selbst")]
    [InlineData("Kontakt", "kontakt", "  ", "markdown", "Bitte den Text der Seite eingeben")]
    [InlineData("Impressum", "impressum", "Doppelt", "slug", "gibt es schon eine Seite")]
    public async Task Admin_BadInput_IsExplainedBesideItsField_AndNothingIsSaved(string title, string slug, string markdown, string field, string message)
    {
        await using var site = Site(("seiten/impressum.md", PageFile("Impressum", "Musterverlag")));
        using var admin = await AdminClient.LoginAsync(site, "root", UserRole.Admin);

        var (response, page) = await admin.SubmitAsync("/admin/seiten/neu", Form, new()
        {
            ["Title"] = title,
            ["Address"] = slug,
            ["Markdown"] = markdown,
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector($"#{field}")!.GetAttribute("aria-invalid"));
        Assert.Contains($"{field}-error", page.QuerySelector($"#{field}")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal(markdown.Trim(), page.QuerySelector("#markdown")!.TextContent.Trim());
        var pages = await site.Services.GetRequiredService<ISitePageStore>().ListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["impressum"], pages.Select(p => p.Slug));
        Assert.Equal("Musterverlag", (await site.GetPageAsync("/impressum")).Document.QuerySelector(".site-page__body")!.TextContent.Trim());
    }

    [Fact]
    public async Task Admin_DeletesAPageOnlyWhenConfirmed()
    {
        await using var site = Site(("seiten/kontakt.md", PageFile("Kontakt", "Schreiben Sie uns.")));
        using var admin = await AdminClient.LoginAsync(site, "root", UserRole.Admin);

        var (unconfirmed, page) = await admin.SubmitAsync("/admin/seiten/kontakt", "form#delete-form");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        Assert.Contains("Bitte bestätigen", page.QuerySelector("#confirm-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/kontakt")).Response.StatusCode);

        var (deleted, _) = await admin.SubmitAsync("/admin/seiten/kontakt", "form#delete-form", new() { ["Confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/kontakt")).Response.StatusCode);
        Assert.DoesNotContain(FooterLinks((await site.GetPageAsync("/")).Document), l => l.StartsWith("/kontakt", StringComparison.Ordinal));
        var (_, list) = await admin.GetAsync("/admin/seiten");
        Assert.Contains("Es gibt kein Impressum", list.QuerySelector(".notice--error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editors_WhoAreNotAdmins_CannotTouchThePages()
    {
        await using var site = Site(("seiten/impressum.md", PageFile("Impressum", "Musterverlag")));
        using var editor = await AdminClient.LoginAsync(site, "anna", UserRole.Editor);

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/admin/seiten")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/admin/seiten/impressum")).Response.StatusCode);
        Assert.Null((await editor.GetAsync("/admin")).Document.QuerySelector("a[href='/admin/seiten']"));
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task InProduction_AMissingImpressum_IsAWarningAtStart(bool withImprint, bool warned)
    {
        var logs = new LogCapture();
        (string, string)[] pages = withImprint ? [("seiten/impressum.md", PageFile("Impressum", "Musterverlag"))] : [];
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder([("a.md", Article("Eins")), .. pages]))
        {
            HostEnvironment = "Production",
            Logs = logs,
        };

        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/")).Response.StatusCode);

        var warnings = logs.Events.Where(e => e.Level == LogEventLevel.Warning).Select(LogCapture.Describe).ToList();
        Assert.Equal(warned, warnings.Any(w => w.Contains("kein Impressum", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task EverySiteOwnAddress_IsReserved_SoNoPageCanHideIt()
    {
        var firstSegments = seeded.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.PathSegments is [{ Parts: [var first, ..] }, ..] ? first : null)
            .OfType<RoutePatternLiteralPart>()
            .Select(p => p.Content.ToLowerInvariant())
            .Where(segment => !segment.Contains('.', StringComparison.Ordinal)) // rss.xml, robots.txt: never a page's slug
            .ToHashSet(StringComparer.Ordinal);

        // Else a broken query above would pass with nothing to check.
        Assert.Contains("artikel", firstSegments);
        Assert.Contains("admin", firstSegments);
        Assert.Empty(firstSegments.Except(SitePageParser.ReservedSlugs));

        // Folders served as files (wwwroot, pictures) are addresses of the site too.
        var webRoot = seeded.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().WebRootPath;
        Assert.Empty(Directory.EnumerateDirectories(webRoot).Select(Path.GetFileName).OfType<string>().Except(SitePageParser.ReservedSlugs));
    }
}
