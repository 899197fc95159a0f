using System.Net;
using NewsSite.Web.Pages.Admin.Tags;
using NewsSite.Web.Tests.Support;
using static NewsSite.Web.Tests.Support.PageCacheChecks;

namespace NewsSite.Web.Tests.Tags;

/// <summary>
/// A rename or merge evicts exactly what shows the tag's articles: both tags' pages and feeds, each article's page
/// (and those sharing a tag with it, for their related block), its author's pages and the site's listings; pages
/// that show none of it stay in the cache. An alias changes no page and evicts nothing.
/// "From the cache" is what the output cache alone marks with an Age header.
/// </summary>
public class TagEvictionTests
{
    // "Koeln" (/thema/koeln-2) is on Dom and Zug by Erika Muster, and on a draft; "Köln" (/thema/koeln) on Rhein and Zug.
    private static readonly string[] ShowingKoeln =
    [
        "/thema/koeln", "/thema/koeln/rss.xml", "/thema/koeln/feed.json", "/thema/koeln-2", "/thema/koeln-2/atom.xml",
        "/artikel/dom", "/artikel/zug", "/artikel/rhein", "/autor/erika-muster", "/", "/themen", "/rss.xml",
    ];

    private static readonly string[] NotShowingKoeln =
    [
        "/artikel/fremd", "/thema/kultur", "/thema/kultur/rss.xml", "/autor/lena-schmidt", "/autor/max-weber", "/artikel/bahn", "/thema/flughafen",
    ];

    [Fact]
    public async Task Merge_RerendersBothTagPagesTheirFeedsAndTheArticles_AndLeavesUnrelatedPagesInTheCache()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Köln");
        var transliterated = await TagSite.TagAsync(site, "Koeln");
        await WarmAsync(site, [.. ShowingKoeln, .. NotShowingKoeln]);

        var (merged, _) = await editor.SubmitAsync(TagListModel.Path, "form#" + TagListModel.MergeFormId(transliterated.Id, koeln.Id));
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);

        await AssertFreshAsync(site, ShowingKoeln);
        await AssertStillCachedAsync(site, NotShowingKoeln);
        Assert.Equal(["Köln", "Kirche"], await TagSite.TagsOnPageAsync(site, "dom"));
        Assert.Equal(HttpStatusCode.MovedPermanently, (await site.SendAsync("/thema/koeln-2")).StatusCode);
        var tagPage = (await site.GetPageAsync("/thema/koeln")).Document.QuerySelector("main")!.TextContent;
        Assert.Contains("Dom", tagPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Koeln", (await site.GetPageAsync("/themen")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_RerendersTheTagsArticleAndPages_AndNoOtherTagsOrArticles()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var flughafen = await TagSite.TagAsync(site, "Flughafen");
        string[] showingFlughafen = ["/artikel/bahn", "/thema/flughafen", "/thema/flughafen/rss.xml", "/themen", "/"];
        string[] elsewhere = ["/artikel/fremd", "/artikel/dom", "/thema/koeln", "/thema/kultur", "/autor/lena-schmidt", "/autor/erika-muster"];
        await WarmAsync(site, [.. showingFlughafen, .. elsewhere]);

        var (renamed, _) = await editor.SubmitAsync(TagEditModel.PathOf(flughafen.Id), "form#rename-tag", new() { ["name"] = "Luftfahrt" });
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        await AssertFreshAsync(site, showingFlughafen);
        await AssertStillCachedAsync(site, elsewhere);
        Assert.Equal(["Luftfahrt"], await TagSite.TagsOnPageAsync(site, "bahn"));
        Assert.Contains("Luftfahrt", (await site.GetPageAsync("/themen")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddingOrRemovingAnAlias_ChangesNoPage_AndEvictsNothing()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Köln");
        await WarmAsync(site, ShowingKoeln);

        var (added, _) = await editor.SubmitAsync(TagEditModel.PathOf(koeln.Id), "form#add-alias", new() { ["alias"] = "Cologne" });
        var (removed, _) = await editor.SubmitAsync(TagEditModel.PathOf(koeln.Id), "form#remove-alias-0");

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (added.StatusCode, removed.StatusCode));
        await AssertStillCachedAsync(site, ShowingKoeln);
    }
}
