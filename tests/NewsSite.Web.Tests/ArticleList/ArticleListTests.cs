using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core;
using NewsSite.Core.Accounts;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.ArticleList;

/// <summary>
/// The admin's article list read as the editor's browser gets it: counts per status as links, every column sorted
/// both ways (German order for names), every filter with its German calendar days, bad filters refused beside their
/// field with 400, paging that keeps filters and sorting, and a contributor's own list without bulk actions.
/// </summary>
public class ArticleListTests
{
    private static async Task<(NewsSiteFactory Site, AdminClient Editor)> OpenAsync()
    {
        var site = ArticleListSite.Create();
        await ArticleListSite.PrepareAsync(site);
        return (site, await AdminClient.LoginAsync(site));
    }

    private static List<string> Counts(AngleSharp.Dom.IDocument page) =>
        [.. page.QuerySelectorAll(".status-counts a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task Counts_EachStatus_AndTheLinksFilterByIt()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;

        var (response, page) = await editor.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["Alle (8)", "Veröffentlicht (4)", "Geplant (1)", "Zur Prüfung (1)", "Entwürfe (2)", "Papierkorb (1)"], Counts(page));
        Assert.Equal("page", page.QuerySelector(".status-counts a[data-status='']")!.GetAttribute("aria-current"));
        var drafts = page.QuerySelector(".status-counts a[data-status=entwurf]")!.GetAttribute("href")!;
        var (_, draftList) = await editor.GetAsync(drafts);
        Assert.Equal(["Entwurf Brücke", "Leerer Entwurf"], ArticleListSite.Titles(draftList).Order(GermanOrder.Names));
        Assert.Equal(["Weggeworfen"], ArticleListSite.Titles((await editor.GetAsync("/admin?status=papierkorb")).Document));
    }

    [Fact]
    public async Task Counts_FollowTheOtherFilters_AndTheirLinksKeepThem()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;

        var (_, politics) = await editor.GetAsync("/admin?ressort=politik");

        Assert.Equal(["Alle (3)", "Veröffentlicht (1)", "Geplant (1)", "Zur Prüfung (0)", "Entwürfe (1)", "Papierkorb (0)"], Counts(politics));
        var scheduled = politics.QuerySelector(".status-counts a[data-status=geplant]")!.GetAttribute("href");
        Assert.Equal("/admin?status=geplant&ressort=politik", scheduled);
        Assert.Equal(["Geplanter Gipfel"], ArticleListSite.Titles((await editor.GetAsync(scheduled!)).Document));
    }

    [Theory]
    [InlineData("titel", 1)]
    [InlineData("autor", 3)]
    [InlineData("ressort", 4)]
    public async Task SortsNamesInGermanOrder_BothWays_WithAriaSortOnTheHeading(string column, int cell)
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;

        var (_, up) = await editor.GetAsync($"/admin?sortierung={column}&richtung=auf");
        var (_, down) = await editor.GetAsync($"/admin?sortierung={column}&richtung=ab");

        // Articles without a Ressort come last either way.
        static List<string> Named(List<string> values) => [.. values.Where(v => v != "–")];
        var ascending = Named(ArticleListSite.Column(up, cell));
        var descending = Named(ArticleListSite.Column(down, cell));
        Assert.True(ascending.Count >= 3);
        Assert.Equal(ascending.Order(GermanOrder.Names), ascending);
        Assert.Equal(descending.OrderDescending(GermanOrder.Names), descending);
        Assert.Equal(ArticleListSite.Column(up, cell).Count(v => v == "–"), ArticleListSite.Column(up, cell).SkipWhile(v => v != "–").Count());
        Assert.Equal("ascending", up.QuerySelector($"th[data-sort={column}]")!.GetAttribute("aria-sort"));
        Assert.Equal("descending", down.QuerySelector($"th[data-sort={column}]")!.GetAttribute("aria-sort"));
        Assert.Single(up.QuerySelectorAll("th[aria-sort]"));
        // The active heading links to the other direction.
        Assert.Equal($"/admin?sortierung={column}&richtung=ab", up.QuerySelector($"th[data-sort={column}] a")!.GetAttribute("href"));
        if (column == "titel")
        {
            Assert.Equal(ArticleListSite.TitlesInGermanOrder, ArticleListSite.Titles(up));
            Assert.Equal(ArticleListSite.TitlesInGermanOrder.Reverse(), ArticleListSite.Titles(down));
        }
    }

    [Fact]
    public async Task SortsByStatus_InTheOrderOfTheWorkflow_BothWays()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;

        var up = ArticleListSite.Column((await editor.GetAsync("/admin?sortierung=status&richtung=auf")).Document, 2);
        var down = ArticleListSite.Column((await editor.GetAsync("/admin?sortierung=status&richtung=ab")).Document, 2);

        string[] workflow = ["Entwurf", "Zur Prüfung", "Geplant", "Veröffentlicht"];
        Assert.Equal(workflow, up.Distinct());
        Assert.Equal(workflow.Reverse(), down.Distinct());
    }

    [Fact]
    public async Task SortsByPublicationAndLastChange_BothWays_UndatedLast()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;
        var clock = (TestClock)site.Clock!;
        var store = site.Services.GetRequiredService<NewsSite.Core.Articles.IArticleStore>();
        foreach (var slug in (string[])["zoll-erhoeht", "bahnstreik"])
        {
            // A change: into the trash and back, a minute apart.
            clock.Advance(TimeSpan.FromMinutes(1));
            var id = await ArticleListSite.IdAsync(site, slug);
            await store.SetTrashedAsync(id, true, "anna", TestContext.Current.CancellationToken);
            await store.SetTrashedAsync(id, false, "anna", TestContext.Current.CancellationToken);
        }

        var published = ArticleListSite.Titles((await editor.GetAsync("/admin?sortierung=erscheint")).Document);
        var publishedUp = ArticleListSite.Titles((await editor.GetAsync("/admin?sortierung=erscheint&richtung=auf")).Document);
        var changed = ArticleListSite.Titles((await editor.GetAsync("/admin?sortierung=geaendert")).Document);
        var changedUp = ArticleListSite.Titles((await editor.GetAsync("/admin?sortierung=geaendert&richtung=auf")).Document);

        string[] dated = ["Geplanter Gipfel", "Bahnstreik", "Zoll erhöht", "Ärzte streiken", "Apfelernte beginnt"];
        Assert.Equal(dated, published.Take(5));
        Assert.Equal(dated.Reverse(), publishedUp.Take(5));
        Assert.Equal(["Entwurf Brücke", "Leerer Entwurf", "Prüfling"], published.Skip(5).Order(GermanOrder.Names));
        Assert.Equal(["Entwurf Brücke", "Leerer Entwurf", "Prüfling"], publishedUp.Skip(5).Order(GermanOrder.Names));
        Assert.Equal(["Bahnstreik", "Zoll erhöht"], changed.Take(2));
        Assert.Equal(["Zoll erhöht", "Bahnstreik"], changedUp.TakeLast(2));
        Assert.Equal(changed, ArticleListSite.Titles((await editor.GetAsync("/admin")).Document));
    }

    [Theory]
    [InlineData("ressort=wirtschaft", new[] { "Apfelernte beginnt", "Zoll erhöht" })]
    [InlineData("autor=erika-muster", new[] { "Ärzte streiken", "Entwurf Brücke", "Zoll erhöht" })]
    [InlineData("schlagwort=K%C3%B6ln", new[] { "Ärzte streiken", "Bahnstreik", "Entwurf Brücke" })]
    [InlineData("schlagwort=k%C3%B6ln", new[] { "Ärzte streiken", "Bahnstreik", "Entwurf Brücke" })]
    [InlineData("von=2025-05-03&bis=2025-05-10", new[] { "Ärzte streiken", "Zoll erhöht" })]
    [InlineData("von=2025-05-20", new[] { "Bahnstreik", "Geplanter Gipfel" })]
    [InlineData("bis=2025-05-19", new[] { "Apfelernte beginnt", "Ärzte streiken", "Zoll erhöht" })]
    [InlineData("autor=erika-muster&ressort=politik&status=veroeffentlicht", new[] { "Ärzte streiken" })]
    [InlineData("status=papierkorb&von=2025-04-01&bis=2025-04-01", new[] { "Weggeworfen" })]
    public async Task Filters_FindExactlyTheirArticles(string query, string[] titles)
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;

        var (response, page) = await editor.GetAsync("/admin?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(titles, ArticleListSite.Titles(page).Order(GermanOrder.Names));
    }

    [Fact]
    public async Task AuthorFilter_FindsAnArticle_UnderEachOfItsAuthors()
    {
        await using var site = ArticleListSite.Create(
            ("10.md", "---\ntitle: \"Gemeinsam recherchiert\"\nauthors: [Lena Schmidt, Erika Muster]\ntags: [Recherche]\ndate: 2025-05-15T10:00:00\n---\n\nText.\n"));
        using var editor = await AdminClient.LoginAsync(site);

        var (_, erika) = await editor.GetAsync("/admin?autor=erika-muster");
        var (_, lena) = await editor.GetAsync("/admin?autor=lena-schmidt");
        var (_, max) = await editor.GetAsync("/admin?autor=max-weber");

        Assert.Contains("Gemeinsam recherchiert", ArticleListSite.Titles(erika));
        Assert.Contains("Gemeinsam recherchiert", ArticleListSite.Titles(lena));
        Assert.DoesNotContain("Gemeinsam recherchiert", ArticleListSite.Titles(max));
    }

    [Fact]
    public async Task TagFilter_TakesAVariantForItsTag()
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;
        var tags = site.Services.GetRequiredService<NewsSite.Core.Tags.ITagStore>();
        var koeln = (await tags.ListAsync(ArticleListSite.Now, TestContext.Current.CancellationToken)).Single(t => t.Name == "Köln");
        await tags.AddAliasAsync(koeln.Id, "Koeln", TestContext.Current.CancellationToken);

        var (_, page) = await editor.GetAsync("/admin?schlagwort=Koeln");

        Assert.Equal(["Ärzte streiken", "Bahnstreik", "Entwurf Brücke"], ArticleListSite.Titles(page).Order(GermanOrder.Names));
    }

    [Theory]
    [InlineData("ressort=gibtsnicht", "ressort", "Dieses Ressort gibt es nicht")]
    [InlineData("autor=niemand", "autor", "gibt es nicht")]
    [InlineData("schlagwort=Unbekannt", "schlagwort", "Ein Schlagwort „Unbekannt“ gibt es nicht")]
    [InlineData("von=2025-13-01", "von", "Bitte ein Datum wie 2025-03-14 angeben.")]
    [InlineData("bis=14.03.2025", "bis", "Bitte ein Datum wie 2025-03-14 angeben.")]
    [InlineData("von=2025-05-10&bis=2025-05-01", "bis", "„Bis“ liegt vor „Von“")]
    [InlineData("status=gibtsnicht", "status", "Diesen Status gibt es nicht")]
    public async Task BadFilters_Get400_WithTheGermanMessageBesideTheField(string query, string field, string message)
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;

        var (response, page) = await editor.GetAsync("/admin?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector($"#{field}")!.GetAttribute("aria-invalid"));
        Assert.Contains($"{field}-error", page.QuerySelector($"#{field}")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector(".admin-table"));
    }

    [Theory]
    [InlineData("sortierung=bunt")]
    [InlineData("sortierung=titel&richtung=seitwaerts")]
    public async Task AnUnknownSort_Is400(string query)
    {
        var (site, editor) = await OpenAsync();
        await using var _ = site;
        using var __ = editor;

        Assert.Equal(HttpStatusCode.BadRequest, (await editor.GetAsync("/admin?" + query)).Response.StatusCode);
    }

    [Fact]
    public async Task Paging_KeepsFiltersAndSorting()
    {
        var many = Enumerable.Range(1, 30)
            .Select(i => ($"m{i:D2}.md", $"---\ntitle: \"Masse {i:D2}\"\ntags: [Masse]\ndate: 2025-03-{(i % 28) + 1:D2}T10:00:00\n---\n\nText.\n"))
            .ToArray();
        await using var site = ArticleListSite.Create(many);
        using var editor = await AdminClient.LoginAsync(site);

        var (_, first) = await editor.GetAsync("/admin?schlagwort=Masse&sortierung=titel&richtung=ab");
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await editor.GetAsync(next);

        Assert.Equal("/admin?schlagwort=Masse&sortierung=titel&richtung=ab&seite=2", next);
        Assert.Equal(Enumerable.Range(1, 30).Reverse().Select(i => $"Masse {i:D2}"), [.. ArticleListSite.Titles(first), .. ArticleListSite.Titles(second)]);
        Assert.Equal("/admin?schlagwort=Masse&sortierung=titel&richtung=ab", second.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(next, second.QuerySelector("input[name=zurueck]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AContributor_SeesOnlyOwnArticles_WithoutCheckboxesOrBulkForm_AndIsRefusedTheBulkHandler()
    {
        await using var site = ArticleListSite.Create();
        using var contributor = await AdminClient.LoginAsync(site, "clara", UserRole.Contributor);
        await contributor.SubmitAsync("/admin/artikel/neu", "form#editor", EditorSource.Form("---\ntitle: Claras Entwurf\n---\n\nText.\n"), "Als Entwurf speichern");
        var (_, account) = await contributor.GetAsync("/admin/konto");
        var token = account.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var victim = await ArticleListSite.IdAsync(site, "aerzte-streiken");

        var (_, list) = await contributor.GetAsync("/admin");
        using var post = new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("ids", victim.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("aktion", "papierkorb"), new("bestaetigt", "1"),
        ]);
        var bulk = await contributor.Http.PostAsync(new Uri("/admin?handler=Bulk", UriKind.Relative), post, TestContext.Current.CancellationToken);

        Assert.Equal(["Claras Entwurf"], ArticleListSite.Titles(list));
        Assert.Equal(["Alle (1)", "Veröffentlicht (0)", "Geplant (0)", "Zur Prüfung (0)", "Entwürfe (1)", "Papierkorb (0)"], Counts(list));
        Assert.Empty(list.QuerySelectorAll("input[type=checkbox]"));
        Assert.Null(list.QuerySelector("form#bulk"));
        Assert.Null(list.QuerySelector("#aktion"));
        Assert.Equal(HttpStatusCode.Forbidden, bulk.StatusCode);
        Assert.Equal(NewsSite.Core.Articles.ArticleStatus.Published, (await ArticleListSite.FindAsync(site, "aerzte-streiken")).Status);
    }
}
