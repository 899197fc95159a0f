using System.Net;
using NewsSite.Core.Accounts;
using NewsSite.Web.Tests.Support;
using static NewsSite.Web.Tests.Support.PageCacheChecks;

namespace NewsSite.Web.Tests.Ressorts;

/// <summary>
/// Ressort pages and feeds are evicted exactly like tag pages: when an article enters, leaves or changes in the
/// Ressort, and no other Ressort's; a change of the list itself changes the navigation of every page and evicts all.
/// "From the cache" is what the output cache alone marks with an Age header.
/// </summary>
public class RessortEvictionTests
{
    private const string Form = "form#editor";

    private static readonly string[] Politik =
        ["/ressort/politik", "/ressort/politik?seite=2", "/ressort/politik/rss.xml", "/ressort/politik/atom.xml", "/ressort/politik/feed.json", "/artikel/p1"];

    private static readonly string[] Sport = ["/ressort/sport", "/ressort/sport/rss.xml", "/ressort/sport/feed.json", "/artikel/s1"];

    private static readonly string[] Elsewhere = ["/ressort/leer", "/ressort/leer/atom.xml", "/artikel/o1"];

    private static async Task<string> LeadOfAsync(NewsSiteFactory site, string path) =>
        (await site.GetPageAsync(path)).Document.QuerySelector(".ressort-lead__title a")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Publish_InARessort_EvictsItsPagesFeedsAndArticles_NotAnotherRessorts()
    {
        await using var site = RessortSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        await WarmAsync(site, [.. Politik, .. Sport, .. Elsewhere]);

        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form("---\ntitle: Neue Regierung\nressort: Politik\nauthor: Max Weber\ntags: [Wahl]\n---\n\nText.\n"), "Veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await AssertFreshAsync(site, Politik);
        await AssertStillCachedAsync(site, [.. Sport, .. Elsewhere]);
        Assert.Equal("Neue Regierung", await LeadOfAsync(site, "/ressort/politik"));
        Assert.Contains("Neue Regierung", (await site.GetPageAsync("/artikel/p1")).Document.QuerySelector(".more-ressort")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublish_TakesTheArticleOffItsRessortPagesAtOnce()
    {
        await using var site = RessortSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        await WarmAsync(site, [.. Politik, .. Sport, .. Elsewhere]);

        var (saved, _) = await editor.SubmitConfirmedAsync(await editor.EditUrlOfAsync("Politik fünf"), Form, "Zurückziehen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await AssertFreshAsync(site, Politik);
        await AssertStillCachedAsync(site, [.. Sport, .. Elsewhere]);
        Assert.Equal("Politik vier", await LeadOfAsync(site, "/ressort/politik"));
    }

    [Fact]
    public async Task MovingAnArticle_BetweenRessorts_EvictsBoth_AndNoThird()
    {
        await using var site = RessortSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        await WarmAsync(site, [.. Politik, .. Sport, .. Elsewhere]);

        var (saved, _) = await editor.SubmitAsync(await editor.EditUrlOfAsync("Politik fünf"), Form, new() { ["Fields.Ressort"] = "Sport" }, "Änderungen veröffentlichen");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await AssertFreshAsync(site, [.. Politik, .. Sport]);
        await AssertStillCachedAsync(site, Elsewhere);
        Assert.Equal("Politik vier", await LeadOfAsync(site, "/ressort/politik"));
        Assert.Equal(["Politik fünf"], (await site.GetPageAsync("/ressort/sport")).Document.QuerySelectorAll(".ressort-grid .teaser__title a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task ChangingTheList_EvictsEveryPage_WhichThenShowsTheNewNavigation()
    {
        await using var site = RessortSite.Create();
        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);
        string[] everyKind = ["/", "/thema/allgemein", "/archiv", "/rss.xml", .. Politik, .. Sport, .. Elsewhere];
        await WarmAsync(site, everyKind);

        var (added, _) = await admin.SubmitAsync("/admin/ressorts", "form#add-ressort", new() { ["name"] = "Wissen" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        await AssertFreshAsync(site, everyKind);
        foreach (var path in new[] { "/", "/artikel/o1", "/ressort/leer" })
        {
            var (_, page) = await site.GetPageAsync(path);
            Assert.Equal("Wissen", page.QuerySelectorAll("nav.ressort-nav a")[^1].TextContent.Trim());
        }
    }
}
