using System.Net;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>
/// The review flow through real form posts: a contributor writes and submits, cannot publish; an editor returns it
/// with a comment or approves it, and it is live. Every step is in the audit log.
/// </summary>
public class ReviewFlowTests
{
    private const string Form = "form#editor";

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static NewsSiteFactory Site() => new(NewsSiteFactory.ContentFolder(), clock: new TestClock(Now));

    private static string Source(string title) =>
        $"---\ntitle: \"{title}\"\nauthor: Erika Muster\ntags: [Verkehr]\n---\n\nErster Absatz über {title}.\n\nZweiter Absatz.\n";

    private static string Notice(IDocument page) => page.QuerySelector(".notice")?.TextContent.Trim() ?? "";

    private static async Task<string> SubmitNewAsync(AdminClient contributor, string title)
    {
        var (submitted, _) = await contributor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(Source(title)), "Zur Prüfung einreichen");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        return submitted.Headers.Location!.OriginalString;
    }

    private static async Task<IReadOnlyList<AuditEntry>> EventsAsync(NewsSiteFactory site, string editUrl) =>
        await site.Services.GetRequiredService<IAuditLog>().ListForArticleAsync(long.Parse(editUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture), Token);

    [Fact]
    public async Task AContributorWritesAndSubmits_AnEditorApproves_AndTheArticleIsLive()
    {
        await using var site = Site();
        using var contributor = await AdminClient.LoginAsync(site, "clara", UserRole.Contributor);

        var editUrl = await SubmitNewAsync(contributor, "Neue Buslinie");
        var (_, own) = await contributor.GetAsync(editUrl);
        Assert.Contains("Zur Prüfung eingereicht", Notice(own), StringComparison.Ordinal);
        Assert.Equal("Zur Prüfung", own.QuerySelector("h1 .status")!.TextContent.Trim());
        Assert.Null(own.QuerySelector("button[formaction*='handler=Publish']"));
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/neue-buslinie")).Response.StatusCode);

        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var (_, queue) = await editor.GetAsync("/admin/pruefung");
        var row = queue.QuerySelectorAll("#review-queue tbody tr").Single(r => r.TextContent.Contains("Neue Buslinie", StringComparison.Ordinal));
        Assert.Contains("clara", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(editUrl, row.QuerySelector("a")!.GetAttribute("href"));

        var (approved, _) = await editor.SubmitAsync(editUrl, Form, new() { ["ReviewComment"] = "Gut so." }, "Freigeben und veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var (live, article) = await site.GetPageAsync("/artikel/neue-buslinie");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Contains("Erster Absatz über Neue Buslinie.", article.QuerySelector("main article")!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await editor.GetAsync("/admin/pruefung")).Document.QuerySelectorAll("#review-queue tbody tr"));

        var events = await EventsAsync(site, editUrl);
        Assert.Equal(
            [(AuditAction.Submitted, "clara"), (AuditAction.Published, "erika"), (AuditAction.Approved, "erika")],
            events.Select(e => (e.Action, e.Account)));
        Assert.Equal("Gut so.", events[^1].Detail);

        // Published, the article is the editors' alone: the contributor can no longer open or autosave it.
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync(editUrl)).Response.StatusCode);
    }

    [Fact]
    public async Task AnEditorReturnsWithAComment_TheContributorSeesIt_AndSubmitsAgain()
    {
        await using var site = Site();
        using var contributor = await AdminClient.LoginAsync(site, "clara", UserRole.Contributor);
        var editUrl = await SubmitNewAsync(contributor, "Streit um Parkplätze");
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);

        // Returning needs a comment; without one nothing changes and the field says why.
        var (refused, page) = await editor.SubmitAsync(editUrl, Form, new() { ["ReviewComment"] = "  " }, "Zur Überarbeitung zurückgeben");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("true", page.QuerySelector("#review-comment")!.GetAttribute("aria-invalid"));
        Assert.Contains("was zu überarbeiten ist", page.QuerySelector("#review-comment-error")!.TextContent, StringComparison.Ordinal);

        var (returned, _) = await editor.SubmitAsync(editUrl, Form,
            new() { ["ReviewComment"] = "Bitte die Zahl der Parkplätze belegen.", ["Body"] = "Erster Absatz, vom Redakteur gekürzt." }, "Zur Überarbeitung zurückgeben");
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);

        var (_, own) = await contributor.GetAsync(editUrl);
        Assert.Equal("Entwurf", own.QuerySelector("h1 .status")!.TextContent.Trim());
        Assert.Contains("Bitte die Zahl der Parkplätze belegen.", own.QuerySelector("#returned-note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("erika", own.QuerySelector("#returned-note")!.TextContent, StringComparison.Ordinal);
        // What the editor typed while returning was kept, not lost.
        Assert.Equal("Erster Absatz, vom Redakteur gekürzt.", own.QuerySelector("#body")!.TextContent.Trim());

        var (again, _) = await contributor.SubmitAsync(editUrl, Form, new() { ["Body"] = "Laut Stadt sind es 212 Parkplätze." }, "Zur Prüfung einreichen");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Zur Prüfung", (await contributor.GetAsync(editUrl)).Document.QuerySelector("h1 .status")!.TextContent.Trim());
        Assert.Equal(
            [AuditAction.Submitted, AuditAction.Returned, AuditAction.Submitted],
            (await EventsAsync(site, editUrl)).Select(e => e.Action));
    }

    [Fact]
    public async Task AContributorCannotPublish_Schedule_Trash_OrTouchOthersArticles_OnTheServer()
    {
        await using var site = Site();
        using var contributor = await AdminClient.LoginAsync(site, "clara", UserRole.Contributor);
        var (page, form) = await contributor.GetAsync("/admin/artikel/neu");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // The buttons are not shown, and posting to their handlers anyway is refused without saving anything.
        Assert.Null(form.QuerySelector("button[formaction*='handler=Publish']"));
        var (published, _) = await contributor.SubmitAsync(form, "/admin/artikel/neu", Form, EditorSource.Form(Source("Heimlich veröffentlicht")), "Zur Prüfung einreichen");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var editUrl = published.Headers.Location!.OriginalString;
        var (_, own) = await contributor.GetAsync(editUrl);
        foreach (var handler in (string[])["Publish", "Approve", "Return", "Trash", "Restore"])
        {
            var refused = await PostHandlerAsync(contributor, own, editUrl, handler);
            Assert.Equal(HttpStatusCode.Forbidden, refused);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/heimlich-veroeffentlicht")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await PostHandlerAsync(contributor, form, "/admin/artikel/neu", "Publish"));

        // Others' articles: the seed article (imported) and an editor's draft are neither listed nor open.
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var (draft, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(Source("Entwurf der Redaktion")), "Als Entwurf speichern");
        var othersUrl = draft.Headers.Location!.OriginalString;
        var parser = site.Services.GetRequiredService<ArticleParser>();
        var imported = await site.Services.GetRequiredService<IArticleStore>().SaveAsync(
            parser.Parse("importiert.md", Source("Aus einer Datei").Replace("tags:", "draft: true\ntags:", StringComparison.Ordinal)),
            ArticleOrigin.ImportedFile("importiert.md"), cancellationToken: Token);
        var seedUrl = $"/admin/artikel/{imported.ArticleId}";
        foreach (var url in (string[])[othersUrl, seedUrl, othersUrl + "/versionen"])
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync(url)).Response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, await PostHandlerAsync(contributor, own, othersUrl, "Draft"));
        var (_, list) = await contributor.GetAsync("/admin?status=");
        Assert.Equal(["Heimlich veröffentlicht"], list.QuerySelectorAll(".admin-table tbody td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Equal("Entwurf der Redaktion", (await site.Services.GetRequiredService<IEditorArticles>()
            .FindForEditingAsync(long.Parse(othersUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture), Token))!.Title);
    }

    [Fact]
    public async Task AnEditorsOwnDraft_OffersNoApproval_AndApprovingIt_OrAnUnknownArticle_IsRefused()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        var (draft, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(Source("Noch nicht eingereicht")), "Als Entwurf speichern");
        var editUrl = draft.Headers.Location!.OriginalString;
        var (_, page) = await editor.GetAsync(editUrl);

        Assert.Null(page.QuerySelector("button[formaction*='handler=Approve']"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await PostHandlerAsync(editor, page, editUrl, "Approve"));
        Assert.Equal(HttpStatusCode.NotFound, await PostHandlerAsync(editor, page, "/admin/artikel/999999", "Approve"));
        Assert.Equal(ArticleStatus.Draft, (await site.Services.GetRequiredService<IEditorArticles>()
            .FindForEditingAsync(long.Parse(editUrl.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture), Token))!.Status);
    }

    [Fact]
    public async Task ApprovingWhatNoLongerWaits_SaysSo_NextToTheReviewField()
    {
        await using var site = Site();
        using var contributor = await AdminClient.LoginAsync(site, "clara", UserRole.Contributor);
        var editUrl = await SubmitNewAsync(contributor, "Zweimal geprüft");
        using var first = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        using var second = await AdminClient.LoginAsync(site, "emil", UserRole.Editor);
        var (_, stalePage) = await second.GetAsync(editUrl);

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(editUrl, Form, button: "Freigeben und veröffentlichen")).Response.StatusCode);
        var (late, page) = await second.SubmitAsync(stalePage, editUrl, Form, button: "Freigeben und veröffentlichen");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("wartet nicht auf Prüfung", page.QuerySelector("#review-error")!.TextContent, StringComparison.Ordinal);
        Assert.Single(await EventsAsync(site, editUrl), e => e.Action == AuditAction.Approved);
    }

    /// <summary>Posts the form of <paramref name="page"/> to another handler, as a hand-made request would.</summary>
    private static async Task<HttpStatusCode> PostHandlerAsync(AdminClient client, IDocument page, string path, string handler)
    {
        var form = HtmlForm.Find(page, Form);
        using var content = HtmlForm.Build(form, EditorSource.Form(Source("Heimlich veröffentlicht")), null, null);
        using var response = await client.Http.PostAsync(new Uri($"{path}?handler={handler}&Confirmed=true", UriKind.Relative), content, Token);
        return response.StatusCode;
    }
}
