using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Articles;
using NewsSite.Core.Audit;
using NewsSite.Core.Editing;
using NewsSite.Core.Tags;
using NewsSite.Web.Tests.Support;
using static NewsSite.Web.Tests.Support.PageCacheChecks;

namespace NewsSite.Web.Tests.ArticleList;

/// <summary>
/// Bulk actions through the list's real form: ticked rows, the action, the page that asks, the confirming post. Each
/// article gets what its single action gives (revision, audit entry), all in one write: one article that cannot take
/// it and nothing changes. The cache evicts exactly the affected articles' pages, from one journal entry.
/// "From the cache" is what the output cache alone marks with an Age header.
/// </summary>
public class BulkActionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<(NewsSiteFactory Site, AdminClient Editor)> OpenAsync()
    {
        var site = ArticleListSite.Create();
        await ArticleListSite.PrepareAsync(site);
        return (site, await AdminClient.LoginAsync(site));
    }

    private static async Task<List<AuditEntry>> AuditAsync(NewsSiteFactory site, AuditAction action) =>
        [.. (await site.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(action, "anna"), 1, 50, Token)).Items];

    private static async Task<int> RevisionsAsync(NewsSiteFactory site, string slug) =>
        (await site.Services.GetRequiredService<IEditorArticles>().ListHistoryAsync(await ArticleListSite.IdAsync(site, slug), Token)).Count;

    private static async Task<long> LastChangeAsync(NewsSiteFactory site) =>
        await site.Services.GetRequiredService<IContentJournal>().FindLastChangeIdAsync(Token);

    [Fact]
    public async Task Publish_AsksFirst_ThenPublishesEach_WithARevisionAndAnAuditEntry()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;
        var before = await RevisionsAsync(site, "entwurf-bruecke");

        var (asked, question) = await ArticleListSite.ChooseAsync(editor, "veroeffentlichen", ["Entwurf Brücke", "Prüfling", "Zoll erhöht"]);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal("2 Artikel veröffentlichen?", question.QuerySelector("#confirm h2")!.TextContent.Trim());
        Assert.Contains("ist schon veröffentlicht", question.QuerySelector("li[data-outcome=alreadydone]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/entwurf-bruecke")).Response.StatusCode); // asked, not done

        var (done, _) = await editor.SubmitAsync(question, "/admin", "form#bulk", button: "Ja, ");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var (_, list) = await editor.FollowAsync(done);

        Assert.Contains("2 Artikel veröffentlicht", list.QuerySelector(".notice--success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/entwurf-bruecke")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/pruefling")).Response.StatusCode);
        Assert.Equal(before + 1, await RevisionsAsync(site, "entwurf-bruecke"));
        Assert.Equal(1, await RevisionsAsync(site, "zoll-erhoeht"));
        Assert.Equal(["Entwurf Brücke", "Prüfling"], (await AuditAsync(site, AuditAction.Published)).Select(e => e.Subject!).Order());
        var source = (await ArticleListSite.FindAsync(site, "entwurf-bruecke")).Markdown;
        Assert.DoesNotContain("draft:", source, StringComparison.Ordinal);
        Assert.Contains("date: ", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneArticleThatCannotBePublished_NamesItAndWhy_AndNothingChanges_EvenWhenConfirmedByHand()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;
        var journal = await LastChangeAsync(site);

        var (asked, page) = await ArticleListSite.ChooseAsync(editor, "veroeffentlichen", ["Entwurf Brücke", "Leerer Entwurf"]);
        var ids = page.QuerySelectorAll("input[name=ids]").Select(i => i.GetAttribute("value")!).ToList();
        using var forced = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            .. ids.Select(id => new KeyValuePair<string, string>("ids", id)),
            new("aktion", "veroeffentlichen"), new("bestaetigt", "1"),
        ]);
        var confirmed = await editor.Http.PostAsync(new Uri("/admin?handler=Bulk", UriKind.Relative), forced, Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, asked.StatusCode);
        var error = page.QuerySelector("#bulk-error")!.TextContent;
        Assert.Contains("„Leerer Entwurf“", error, StringComparison.Ordinal);
        Assert.Contains("Der Text ist leer.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("„Entwurf Brücke“", error, StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("button"), b => b.TextContent.StartsWith("Ja, ", StringComparison.Ordinal));
        Assert.Equal(2, ids.Count);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, confirmed.StatusCode);
        Assert.Equal(ArticleStatus.Draft, (await ArticleListSite.FindAsync(site, "entwurf-bruecke")).Status);
        Assert.Equal(1, await RevisionsAsync(site, "entwurf-bruecke"));
        Assert.Empty(await AuditAsync(site, AuditAction.Published));
        Assert.Equal(journal, await LastChangeAsync(site));
    }

    [Fact]
    public async Task Unpublish_MakesThemDrafts_WithAuditEntries()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;

        var (done, _) = await ArticleListSite.RunAsync(editor, "zurueckziehen", ["Ärzte streiken", "Geplanter Gipfel"]);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(ArticleStatus.Draft, (await ArticleListSite.FindAsync(site, "aerzte-streiken")).Status);
        Assert.Equal(ArticleStatus.Draft, (await ArticleListSite.FindAsync(site, "geplanter-gipfel")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/aerzte-streiken")).Response.StatusCode);
        Assert.Equal(["Geplanter Gipfel", "Ärzte streiken"], (await AuditAsync(site, AuditAction.Unpublished)).Select(e => e.Subject!).Order(StringComparer.Ordinal));
        Assert.Equal(2, await RevisionsAsync(site, "aerzte-streiken"));
    }

    [Fact]
    public async Task TrashAndRestore_AskWithTheCount_AndAuditEach()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;

        var (asked, question) = await ArticleListSite.ChooseAsync(editor, "papierkorb", ["Ärzte streiken", "Apfelernte beginnt"]);
        Assert.Equal("2 Artikel in den Papierkorb legen?", question.QuerySelector("#confirm h2")!.TextContent.Trim());
        var (trashed, _) = await editor.SubmitAsync(question, "/admin", "form#bulk", button: "Ja, ");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Redirect), (asked.StatusCode, trashed.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/apfelernte-beginnt")).Response.StatusCode);
        Assert.Equal(["Apfelernte beginnt", "Ärzte streiken", "Weggeworfen"],
            ArticleListSite.Titles((await editor.GetAsync("/admin?status=papierkorb")).Document).Order(NewsSite.Core.GermanOrder.Names));
        Assert.Equal(3, (await AuditAsync(site, AuditAction.Trashed)).Count); // with the one of the site's preparation

        var (restored, _) = await ArticleListSite.RunAsync(editor, "wiederherstellen", ["Ärzte streiken", "Apfelernte beginnt"], listPath: "/admin?status=papierkorb");

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Equal("/admin?status=papierkorb", restored.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/apfelernte-beginnt")).Response.StatusCode);
        Assert.Equal(ArticleStatus.Published, (await ArticleListSite.FindAsync(site, "aerzte-streiken")).Status);
        Assert.Equal(["Apfelernte beginnt", "Ärzte streiken"], (await AuditAsync(site, AuditAction.Restored)).Select(e => e.Subject!).Order(NewsSite.Core.GermanOrder.Names));
    }

    [Fact]
    public async Task AddTag_ByAVariant_WritesTheTagsNameIntoEachSource_AsANewRevision()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;
        var tags = site.Services.GetRequiredService<ITagStore>();
        var koeln = (await tags.ListAsync(ArticleListSite.Now, Token)).Single(t => t.Name == "Köln");
        await tags.AddAliasAsync(koeln.Id, "Koeln", Token);

        var (asked, question) = await ArticleListSite.ChooseAsync(editor, "schlagwort-hinzufuegen", ["Zoll erhöht", "Prüfling", "Bahnstreik"], tag: "Koeln");
        Assert.Equal("2 Artikel das Schlagwort „Köln“ geben?", question.QuerySelector("#confirm h2")!.TextContent.Trim());
        var (done, _) = await editor.SubmitAsync(question, "/admin", "form#bulk", button: "Ja, ");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Redirect), (asked.StatusCode, done.StatusCode));
        Assert.Equal("Handel, Köln", EditorForm.FromSource((await ArticleListSite.FindAsync(site, "zoll-erhoeht")).Markdown).Fields.Tags);
        Assert.Equal("Verkehr, Köln", EditorForm.FromSource((await ArticleListSite.FindAsync(site, "pruefling")).Markdown).Fields.Tags);
        Assert.Equal(2, await RevisionsAsync(site, "zoll-erhoeht"));
        Assert.Equal(1, await RevisionsAsync(site, "bahnstreik"));
        Assert.Equal(["Handel", "Köln"], (await site.GetPageAsync("/artikel/zoll-erhoeht")).Document.QuerySelectorAll("a[rel=tag]").Select(a => a.TextContent.Trim()));
        Assert.DoesNotContain(await tags.ListAsync(ArticleListSite.Now, Token), t => t.Name == "Koeln");
        Assert.Equal(ArticleStatus.InReview, (await ArticleListSite.FindAsync(site, "pruefling")).Status);
    }

    [Fact]
    public async Task RemoveTag_TakesItOutOfEachSource()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;

        var (done, _) = await ArticleListSite.RunAsync(editor, "schlagwort-entfernen", ["Ärzte streiken", "Bahnstreik", "Zoll erhöht"], tag: "köln");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("Gesundheit", EditorForm.FromSource((await ArticleListSite.FindAsync(site, "aerzte-streiken")).Markdown).Fields.Tags);
        Assert.Equal("Verkehr", EditorForm.FromSource((await ArticleListSite.FindAsync(site, "bahnstreik")).Markdown).Fields.Tags);
        Assert.Equal(["Entwurf Brücke"], ArticleListSite.Titles((await editor.GetAsync("/admin?schlagwort=K%C3%B6ln")).Document));
        Assert.Equal(1, await RevisionsAsync(site, "zoll-erhoeht"));
    }

    [Fact]
    public async Task AddingATwentyFirstTag_IsRefusedForThatArticle_AndNoArticleGetsTheTag()
    {
        var crowded = "---\ntitle: \"Voll\"\nslug: voll\ntags: [" + string.Join(", ", Enumerable.Range(1, 20).Select(i => $"T{i}")) + "]\ndate: 2025-05-02T10:00:00\n---\n\nText.\n";
        await using var site = ArticleListSite.Create(("10.md", crowded));
        using var editor = await AdminClient.LoginAsync(site);

        var (asked, page) = await ArticleListSite.ChooseAsync(editor, "schlagwort-hinzufuegen", ["Voll", "Zoll erhöht"], tag: "Neu");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, asked.StatusCode);
        Assert.Contains("„Voll“", page.QuerySelector("#bulk-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Zu viele Tags", page.QuerySelector("#bulk-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Handel", EditorForm.FromSource((await ArticleListSite.FindAsync(site, "zoll-erhoeht")).Markdown).Fields.Tags);
    }

    [Theory]
    [InlineData("", "papierkorb", "", "ids", "mindestens einen Artikel")]
    [InlineData("1", "verbrennen", "", "aktion", "Bitte eine Aktion aus der Liste wählen.")]
    [InlineData("1", "schlagwort-hinzufuegen", "Köln, Bonn", "aktion-schlagwort", "kein Komma")]
    [InlineData("1", "schlagwort-hinzufuegen", "", "aktion-schlagwort", "Bitte einen Namen angeben")]
    [InlineData("1", "schlagwort-entfernen", "Unbekannt", "aktion-schlagwort", "Ein Schlagwort „Unbekannt“ gibt es nicht")]
    [InlineData("abc", "papierkorb", "", "ids", "keine gültige Artikelnummer")]
    public async Task BadBulkInput_Gets400_WithTheMessageBesideTheField(string id, string action, string tag, string field, string message)
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;
        var (_, list) = await editor.GetAsync("/admin");
        using var post = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", list.QuerySelector("form#bulk input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            .. id.Length == 0 ? [] : new[] { new KeyValuePair<string, string>("ids", id) },
            new("aktion", action), new("aktion-schlagwort", tag), new("zurueck", "/admin"),
        ]);

        var response = await editor.Http.PostAsync(new Uri("/admin?handler=Bulk", UriKind.Relative), post, Token);
        var page = await new AngleSharp.Html.Parser.HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(Token), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(9, (await site.Services.GetRequiredService<IArticleStore>().CountAsync(Token)));
        Assert.Equal(ArticleStatus.Published, (await ArticleListSite.FindAsync(site, "aerzte-streiken")).Status);
    }

    [Fact]
    public async Task MoreThanTheLimit_IsRefusedWithAGermanMessage_AndAForeignReturnAddressIsIgnored()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;
        var (_, list) = await editor.GetAsync("/admin");
        var token = list.QuerySelector("form#bulk input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var tooMany = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            .. Enumerable.Range(1, ArticleBulkActions.MaxArticles + 1).Select(i => new KeyValuePair<string, string>("ids", i.ToString(CultureInfo.InvariantCulture))),
            new("aktion", "papierkorb"),
        ]);
        var id = (await ArticleListSite.IdAsync(site, "zoll-erhoeht")).ToString(CultureInfo.InvariantCulture);
        using var foreign = new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("ids", id), new("aktion", "papierkorb"), new("bestaetigt", "1"), new("zurueck", "https://boese.example/admin")]);

        var refused = await editor.Http.PostAsync(new Uri("/admin?handler=Bulk", UriKind.Relative), tooMany, Token);
        var done = await editor.Http.PostAsync(new Uri("/admin?handler=Bulk", UriKind.Relative), foreign, Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("höchstens 200 gehen auf einmal", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/admin", done.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Trash_EvictsExactlyTheAffectedArticlesPages_FromOneJournalEntry()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;
        string[] affected = ["/artikel/aerzte-streiken", "/artikel/bahnstreik", "/thema/koeln", "/thema/gesundheit", "/autor/erika-muster", "/ressort/politik", "/"];
        string[] elsewhere = ["/artikel/apfelernte-beginnt", "/thema/landwirtschaft", "/autor/max-weber", "/ressort/wirtschaft", "/thema/handel"];
        await WarmAsync(site, [.. affected, .. elsewhere]);
        var journal = await LastChangeAsync(site);

        var (done, _) = await ArticleListSite.RunAsync(editor, "papierkorb", ["Ärzte streiken", "Bahnstreik"]);

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(journal + 1, await LastChangeAsync(site));
        await AssertFreshAsync(site, affected);
        await AssertStillCachedAsync(site, elsewhere);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/aerzte-streiken")).Response.StatusCode);
        Assert.DoesNotContain("Ärzte streiken", (await site.GetPageAsync("/thema/koeln")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTag_EvictsTheArticleAndTheTagsPages_AndLeavesTheRest()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;
        // Apfelernte shares the Ressort with Zoll: its "Mehr aus dem Ressort" block changes too.
        string[] affected = ["/artikel/zoll-erhoeht", "/thema/koeln", "/thema/handel", "/autor/erika-muster", "/ressort/wirtschaft", "/artikel/bahnstreik", "/artikel/apfelernte-beginnt"];
        string[] elsewhere = ["/thema/landwirtschaft", "/autor/max-weber", "/thema/gesundheit", "/autor/lena-schmidt", "/thema/verkehr"];
        await WarmAsync(site, [.. affected, .. elsewhere]);
        var journal = await LastChangeAsync(site);

        var (done, _) = await ArticleListSite.RunAsync(editor, "schlagwort-hinzufuegen", ["Zoll erhöht", "Entwurf Brücke"], tag: "Köln");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(journal + 1, await LastChangeAsync(site));
        await AssertFreshAsync(site, affected);
        await AssertStillCachedAsync(site, elsewhere);
        Assert.Contains("Zoll erhöht", (await site.GetPageAsync("/thema/koeln")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActionOnDraftsOnly_JournalsNothing_AndEvictsNothing()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;
        string[] pages = ["/", "/thema/koeln", "/artikel/bahnstreik"];
        await WarmAsync(site, pages);
        var journal = await LastChangeAsync(site);

        var (done, _) = await ArticleListSite.RunAsync(editor, "schlagwort-entfernen", ["Entwurf Brücke"], tag: "Köln");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(journal, await LastChangeAsync(site));
        await AssertStillCachedAsync(site, pages);
    }
}
