using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>
/// Preview links (decision 0020) through real form posts: an editor makes one for a draft, someone without an account
/// opens it and reads the article under a banner, never from a cache and never indexed; revoked, expired, trashed,
/// unknown and malformed links get the same 404; once the article is published an active link answers 301 to it.
/// Contributors can neither make nor revoke one.
/// </summary>
public class PreviewLinkTests
{
    private const string Form = "form#editor";

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static NewsSiteFactory Site(TestClock clock, LogCapture? logs = null) => new(
        NewsSiteFactory.ContentFolder(
            ("ressorts.yml", "- name: Politik\n"),
            ("alt.md", "---\ntitle: Alter Artikel\nslug: alt\ntags: [Köln]\nressort: Politik\ndate: 2025-05-01T10:00:00\n---\n\nSchon lange öffentlich.\n")),
        clock: clock)
    {
        Logs = logs,
        Settings = logs is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Information" },
    };

    private static string Draft(string title, string body) =>
        $"---\ntitle: \"{title}\"\nauthor: Erika Muster\ntags: [Köln]\nressort: Politik\ndraft: true\n---\n\n{body}\n";

    private static async Task<string> NewDraftAsync(AdminClient editor, string title, string body)
    {
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(Draft(title, body)), "Als Entwurf speichern");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return saved.Headers.Location!.OriginalString;
    }

    /// <summary>Makes a link on the article's page of links and gives back its path, as the page shows it once.</summary>
    private static async Task<(string Path, IDocument Page)> NewLinkAsync(AdminClient editor, string editUrl, string days = "7")
    {
        var (response, page) = await editor.SubmitAsync(editUrl + "/vorschau-links", "form#create-preview-link", new() { ["expiry"] = days });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = new Uri(page.QuerySelector("input#new-link")!.GetAttribute("value")!);
        Assert.Equal("nachrichten.example", link.Host);
        return (link.AbsolutePath, page);
    }

    private static long IdOf(string editUrl) => long.Parse(editUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertKeptPrivate(HttpResponseMessage response)
    {
        Assert.Equal("noindex, nofollow", string.Join(", ", response.Headers.GetValues("X-Robots-Tag")));
        Assert.Equal("no-store, private", response.Headers.CacheControl!.ToString());
        Assert.Equal("no-referrer", string.Join(", ", response.Headers.GetValues("Referrer-Policy")));
        Assert.Null(response.Headers.Age);
        Assert.Null(response.Headers.ETag);
    }

    [Fact]
    public async Task AnEditorsLink_ShowsTheDraftAsReadersWillSeeIt_UnderABanner_NeverCachedNorIndexed()
    {
        var clock = new TestClock(Now);
        var logs = new LogCapture();
        await using var site = Site(clock, logs);
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var editUrl = await NewDraftAsync(editor, "Geheime Pläne", "Der **Stadtrat** berät noch.");

        var (_, editPage) = await editor.GetAsync(editUrl);
        Assert.Equal(editUrl + "/vorschau-links", editPage.QuerySelectorAll(".admin-heading__actions a")
            .Single(a => a.TextContent.Trim() == "Vorschau-Links").GetAttribute("href"));
        var (path, created) = await NewLinkAsync(editor, editUrl);
        Assert.Matches("^/vorschau/[A-Za-z0-9_-]{43}$", path);
        Assert.Contains("nur dieses eine Mal", created.QuerySelector("#new-link-notice")!.TextContent, StringComparison.Ordinal);
        var row = created.QuerySelector("#preview-links tbody tr")!;
        Assert.Equal("active", row.GetAttribute("data-state"));
        Assert.Contains("erika", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("8. Juni 2025", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("aktiv", row.TextContent, StringComparison.Ordinal);

        // The list shows no token again: only its hash is kept.
        var (_, list) = await editor.GetAsync(editUrl + "/vorschau-links");
        Assert.Null(list.QuerySelector("#new-link"));
        Assert.DoesNotContain(path[^43..], list.Body!.InnerHtml, StringComparison.Ordinal);

        // Someone without an account.
        var (response, preview) = await site.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertKeptPrivate(response);
        Assert.Equal("Vorschau – nicht veröffentlicht", preview.QuerySelector(".preview-banner strong")!.TextContent.Trim());
        Assert.Contains("8. Juni 2025", preview.QuerySelector(".preview-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Geheime Pläne", preview.QuerySelector("main article h1")!.TextContent.Trim());
        Assert.Equal("Stadtrat", preview.QuerySelector("main article .article__body strong")!.TextContent);
        Assert.Equal("Köln", preview.QuerySelector("main article a[rel=tag]")!.TextContent);
        Assert.Equal("noindex, nofollow", preview.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
        Assert.Null(preview.QuerySelector("link[rel=canonical]"));
        Assert.DoesNotContain(path[^43..], preview.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // An edit shows at once: no cached copy answers, and a cached public page is not disturbed by previews.
        Assert.True((await site.GetCachedPageAsync("/artikel/alt")).Response.IsSuccessStatusCode);
        Assert.True((await site.GetCachedPageAsync("/artikel/alt")).FromCache);
        var (saved, _) = await editor.SubmitAsync(editUrl, Form, new() { ["Body"] = "Der Stadtrat hat entschieden." }, "Als Entwurf speichern");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (again, edited, fromCache) = await site.GetCachedPageAsync(path);
        Assert.False(fromCache);
        AssertKeptPrivate(again);
        Assert.Equal("Der Stadtrat hat entschieden.", edited.QuerySelector("main article .article__body")!.TextContent.Trim());
        Assert.True((await site.GetCachedPageAsync("/artikel/alt")).FromCache);
        Assert.False((await site.GetCachedPageAsync(path)).FromCache);

        // The draft stays off every public page.
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/geheime-plaene")).Response.StatusCode);
        var events = await site.Services.GetRequiredService<IAuditLog>().ListForArticleAsync(IdOf(editUrl), Token);
        Assert.Equal([(AuditAction.PreviewLinkCreated, "erika")], events.Select(e => (e.Action, e.Account)));

        // The request log names the route, never the token that opens the draft.
        Assert.NotEmpty(await logs.WaitForAsync(e => LogCapture.Property(e, "RequestPath") == "/vorschau/…"));
        Assert.DoesNotContain(logs.Events, e => LogCapture.Describe(e).Contains(path[^43..], StringComparison.Ordinal)
            || e.Properties.Values.Any(v => v.ToString().Contains(path[^43..], StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RevokedExpiredTrashedUnknownAndMalformedLinks_AllGetTheSameGerman404()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var editUrl = await NewDraftAsync(editor, "Entwurf", "Text.");
        var (revokedPath, _) = await NewLinkAsync(editor, editUrl, "30");
        var (expiringPath, _) = await NewLinkAsync(editor, editUrl, "1");
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync(revokedPath)).Response.StatusCode);

        var (revoked, _) = await editor.SubmitAsync(editUrl + "/vorschau-links", "#preview-links tr:last-child form");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var (_, list) = await editor.FollowAsync(revoked);
        Assert.Contains("widerrufen", list.QuerySelector(".notice--success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["active", "revoked"], list.QuerySelectorAll("#preview-links tbody tr").Select(r => r.GetAttribute("data-state")));
        Assert.Contains("widerrufen", list.QuerySelector("#preview-links tbody tr:last-child")!.TextContent, StringComparison.Ordinal);
        Assert.Null(list.QuerySelector("#preview-links tbody tr:last-child form"));

        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync(expiringPath)).Response.StatusCode);
        clock.Advance(TimeSpan.FromDays(1));

        // A day later the editor's session has ended too (12 hours at most).
        using var nextDay = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var (_, expiredList) = await nextDay.GetAsync(editUrl + "/vorschau-links");
        Assert.Equal(["expired", "revoked"], expiredList.QuerySelectorAll("#preview-links tbody tr").Select(r => r.GetAttribute("data-state")));
        Assert.Contains("abgelaufen", expiredList.QuerySelector("#preview-links tbody tr")!.TextContent, StringComparison.Ordinal);

        var (_, unknownPage) = await site.GetPageAsync("/gibt-es-nicht");
        var notFound = unknownPage.QuerySelector("main")!.TextContent.Trim();
        var malformed = new[]
        {
            revokedPath + "A", revokedPath[..^1], revokedPath[..^1] + "%C3%A4", revokedPath[..^1] + "%20", "/vorschau/" + new string('a', 5000),
            "/vorschau/" + new string('A', 43), "/vorschau/..%2F..%2Fadmin", "/vorschau/%3Cscript%3E",
        };
        foreach (var path in new[] { revokedPath, expiringPath }.Concat(malformed))
        {
            var (response, page) = await site.GetPageAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Equal(notFound, page.QuerySelector("main")!.TextContent.Trim());
            Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
            Assert.Equal("noindex, nofollow", string.Join(", ", response.Headers.GetValues("X-Robots-Tag")));
        }

        // A link made now works until its article goes into the trash.
        var (trashedPath, _) = await NewLinkAsync(nextDay, editUrl);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync(trashedPath)).Response.StatusCode);
        await site.Services.GetRequiredService<IArticleStore>().SetTrashedAsync(IdOf(editUrl), true, "erika", Token);
        var (trashed, trashedPage) = await site.GetPageAsync(trashedPath);
        Assert.Equal(HttpStatusCode.NotFound, trashed.StatusCode);
        Assert.Equal(notFound, trashedPage.QuerySelector("main")!.TextContent.Trim());

        var events = await site.Services.GetRequiredService<IAuditLog>().ListForArticleAsync(IdOf(editUrl), Token);
        Assert.Equal(
            [AuditAction.PreviewLinkCreated, AuditAction.PreviewLinkCreated, AuditAction.PreviewLinkRevoked, AuditAction.PreviewLinkCreated, AuditAction.Trashed],
            events.Select(e => e.Action));
    }

    [Fact]
    public async Task OncePublished_AnActiveLinkAnswers301ToTheArticle_AndNoNewLinkIsOffered()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var editUrl = await NewDraftAsync(editor, "Bald öffentlich", "Text.");
        var (path, _) = await NewLinkAsync(editor, editUrl);
        var (revokedPath, _) = await NewLinkAsync(editor, editUrl);
        await editor.SubmitAsync(editUrl + "/vorschau-links", "#preview-links tr:first-child form");

        var (published, _) = await editor.SubmitAsync(editUrl, Form, button: "Veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var (moved, _) = await site.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/artikel/bald-oeffentlich", moved.Headers.Location!.OriginalString);
        AssertKeptPrivate(moved);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync(revokedPath)).Response.StatusCode);

        var (_, list) = await editor.GetAsync(editUrl + "/vorschau-links");
        Assert.Null(list.QuerySelector("form#create-preview-link"));
        Assert.Contains("veröffentlicht", list.QuerySelector("#no-new-links")!.TextContent, StringComparison.Ordinal);

        // Revoking still works after publication: the link then ends like any other.
        var (revokedLater, _) = await editor.SubmitAsync(list, editUrl + "/vorschau-links", "#preview-links tbody tr form");
        Assert.Equal(HttpStatusCode.Redirect, revokedLater.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync(path)).Response.StatusCode);
    }

    [Fact]
    public async Task AScheduledArticle_HasLinks_UntilItsTimeComes()
    {
        var clock = new TestClock(Now);
        await using var site = Site(clock);
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var (scheduled, _) = await editor.SubmitAsync("/admin/artikel/neu", Form,
            EditorSource.Form("---\ntitle: Geplant\ntags: [Köln]\ndate: 2025-06-03T10:00:00\n---\n\nKommt bald.\n"), "Veröffentlichen");
        var editUrl = scheduled.Headers.Location!.OriginalString;
        var (path, _) = await NewLinkAsync(editor, editUrl);

        var (shown, page) = await site.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Contains("3. Juni 2025", page.QuerySelector("main article")!.TextContent, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromDays(3));
        var (moved, _) = await site.GetPageAsync(path);
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/artikel/geplant", moved.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ABadExpiry_IsRefusedBesideItsField_With422_AndNoLinkIsMade()
    {
        await using var site = Site(new TestClock(Now));
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var editUrl = await NewDraftAsync(editor, "Entwurf", "Text.");

        foreach (var bad in new[] { "3", "", "sieben", "-7", "7000000000000", "7.5" })
        {
            var (response, page) = await editor.SubmitAsync(editUrl + "/vorschau-links", "form#create-preview-link", new() { ["expiry"] = bad });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("Bitte wählen, wie lange der Link gilt: 1, 7 oder 30 Tage.", page.QuerySelector("#expiry-error")!.TextContent.Trim());
            Assert.Equal("true", page.QuerySelector("#expiry")!.GetAttribute("aria-invalid"));
            Assert.Null(page.QuerySelector("#new-link"));
        }

        Assert.Empty(await site.Services.GetRequiredService<NewsSite.Core.Previews.IPreviewLinkStore>().ListAsync(IdOf(editUrl), Token));
        Assert.Empty(await site.Services.GetRequiredService<IAuditLog>().ListForArticleAsync(IdOf(editUrl), Token));
    }

    [Fact]
    public async Task AContributor_CanNeitherMakeNorRevokeALink_NotEvenForTheirOwnDraft()
    {
        await using var site = Site(new TestClock(Now));
        using var contributor = await AdminClient.LoginAsync(site, "clara", UserRole.Contributor);
        var editUrl = await NewDraftAsync(contributor, "Claras Entwurf", "Text.");
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var (path, _) = await NewLinkAsync(editor, editUrl);
        var links = site.Services.GetRequiredService<NewsSite.Core.Previews.IPreviewLinkStore>();
        var linkId = (await links.ListAsync(IdOf(editUrl), Token)).Single().Id;

        var (_, own) = await contributor.GetAsync(editUrl);
        Assert.DoesNotContain(own.QuerySelectorAll("a"), a => a.TextContent.Trim() == "Vorschau-Links");
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync(editUrl + "/vorschau-links")).Response.StatusCode);
        var antiforgery = (await contributor.GetAsync("/admin/konto")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var (handler, field, value) in new[] { ("Create", "expiry", "7"), ("Revoke", "link", linkId.ToString(System.Globalization.CultureInfo.InvariantCulture)) })
        {
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery), new(field, value)]);
            var response = await contributor.Http.PostAsync(new Uri($"{editUrl}/vorschau-links?handler={handler}", UriKind.Relative), content, Token);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Equal(NewsSite.Core.Previews.PreviewLinkState.Active, (await links.ListAsync(IdOf(editUrl), Token)).Single().StateAt(Now));
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync(path)).Response.StatusCode);
    }

    [Fact]
    public async Task FormsWithoutAntiforgeryToken_ChangeNothing()
    {
        await using var site = Site(new TestClock(Now));
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var editUrl = await NewDraftAsync(editor, "Entwurf", "Text.");
        var (path, _) = await NewLinkAsync(editor, editUrl);
        var links = site.Services.GetRequiredService<NewsSite.Core.Previews.IPreviewLinkStore>();
        var linkId = (await links.ListAsync(IdOf(editUrl), Token)).Single().Id;

        using var create = new FormUrlEncodedContent([new("expiry", "7")]);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.Http.PostAsync(new Uri(editUrl + "/vorschau-links?handler=Create", UriKind.Relative), create, Token)).StatusCode);
        using var revoke = new FormUrlEncodedContent([new("link", linkId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.BadRequest, (await editor.Http.PostAsync(new Uri(editUrl + "/vorschau-links?handler=Revoke", UriKind.Relative), revoke, Token)).StatusCode);

        Assert.Single(await links.ListAsync(IdOf(editUrl), Token));
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync(path)).Response.StatusCode);
    }
}
