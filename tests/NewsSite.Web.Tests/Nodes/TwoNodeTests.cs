using System.Net;
using NewsSite.Web.Tests.Support;
using static NewsSite.Web.Tests.Support.PageCacheChecks;

namespace NewsSite.Web.Tests.Nodes;

/// <summary>
/// One site on two nodes (PostgreSQL and Redis shared): what an editor does through one node is what readers get
/// through the other on their very next request, with the pages that do not show it still served from the shared
/// cache; and a browser whose requests alternate between the nodes stays logged in and its forms are accepted.
/// </summary>
[OwnServers]
public class TwoNodeTests
{
    private const string Form = "form#editor";

    private static readonly string[] ShowingHaupt = ["/artikel/haupt", "/", "/thema/verkehr", "/autor/erika-muster", "/rss.xml", "/suche?q=haupt", "/artikel/nachbar"];

    private static readonly string[] NotShowingHaupt = ["/artikel/fremd", "/thema/kultur", "/autor/max-weber"];

    private static string Article(string slug, string title, string author, string tags, string date) =>
        $"---\ntitle: {title}\nslug: {slug}\nauthor: {author}\ntags: [{tags}]\ndate: {date}\n---\n\nText über {title}.\n";

    private static string Content() => NewsSiteFactory.ContentFolder(
        ("haupt.md", Article("haupt", "Haupt", "Erika Muster", "Verkehr, Köln", "2025-05-01T10:00:00")),
        ("nachbar.md", Article("nachbar", "Nachbar", "Max Weber", "Köln, Sport", "2025-05-02T10:00:00")),
        ("fremd.md", Article("fremd", "Fremd", "Max Weber", "Kultur", "2025-05-03T10:00:00")));

    [Fact]
    public async Task AnEditThroughA_IsOnTheNextRequestThroughB_AndBKeepsServingWhatItDoesNotShowFromTheCache()
    {
        await using var nodes = await TwoNodes.StartAsync(Content());
        using var editor = await AdminClient.LoginAsync(nodes.A);
        await WarmAsync(nodes.B, [.. ShowingHaupt, .. NotShowingHaupt]);
        await WarmAsync(nodes.A, ShowingHaupt);

        var (saved, _) = await editor.SubmitAsync(await editor.EditUrlOfAsync("Haupt"), Form, new()
        {
            ["Fields.Title"] = "Haupt neu",
        }, "Änderungen veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // No waiting: B evicted before A answered the editor.
        await AssertFreshAsync(nodes.B, ShowingHaupt);
        await AssertStillCachedAsync(nodes.B, NotShowingHaupt);
        Assert.Contains("Haupt neu", (await nodes.B.GetPageAsync("/artikel/haupt")).Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Haupt neu", (await nodes.B.GetPageAsync("/")).Document.DocumentElement.TextContent, StringComparison.Ordinal);

        // And the page B rendered anew is in the shared cache for A as well.
        await AssertStillCachedAsync(nodes.A, "/artikel/haupt");
        Assert.Contains("Haupt neu", (await nodes.A.GetPageAsync("/artikel/haupt")).Document.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrowserAlternatingBetweenTheNodes_LogsIn_StaysLoggedIn_AndItsFormsAreAccepted()
    {
        await using var nodes = await TwoNodes.StartAsync(Content());
        await AdminClient.EnsureAccountAsync(nodes.A, "anna");
        using var browser = nodes.AlternatingBrowser();

        // The login form comes from one node and is posted to the other: its antiforgery token must be valid there.
        var (login, _) = await browser.SubmitAsync("/admin/anmelden", "form", new() { ["name"] = "anna", ["password"] = AdminClient.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        for (var i = 0; i < 4; i++)
        {
            var (admin, page) = await browser.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            Assert.NotNull(page.QuerySelector("form[action='/admin/abmelden'], a[href='/admin/artikel/neu']"));
        }

        var (saved, _) = await browser.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form("---\ntitle: Über zwei Knoten\nauthor: Erika Muster\n---\n\nGeschrieben auf A, gespeichert auf B.\n"), "Veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nodes.A.GetPageAsync("/artikel/ueber-zwei-knoten")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nodes.B.GetPageAsync("/artikel/ueber-zwei-knoten")).Response.StatusCode);
    }
}
