using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Articles;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.ArticleList;

/// <summary>
/// A small newsroom for the article list's tests: published articles in two Ressorts by three authors (one title with
/// an umlaut first, for German order), a draft, a draft with no text yet, one in review, one scheduled and one in the
/// trash. „Bahnstreik“ appeared half an hour after midnight in Berlin on 20 May, i.e. on 19 May in UTC.
/// </summary>
public static class ArticleListSite
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Everything but the trash, in German order of the title.</summary>
    public static readonly string[] TitlesInGermanOrder =
        ["Apfelernte beginnt", "Ärzte streiken", "Bahnstreik", "Entwurf Brücke", "Geplanter Gipfel", "Leerer Entwurf", "Prüfling", "Zoll erhöht"];

    private static string Article(string slug, string title, string author, string tags, string? date, string? ressort = null, bool draft = false, string body = "Ein Absatz.") =>
        $"---\ntitle: \"{title}\"\nslug: {slug}\nauthor: \"{author}\"\ntags: [{tags}]\n" + (date is null ? "" : $"date: {date}\n")
        + (ressort is null ? "" : $"ressort: {ressort}\n") + (draft ? "draft: true\n" : "") + $"---\n\n{body}\n";

    public static NewsSiteFactory Create(params (string FileName, string Text)[] more) => new(NewsSiteFactory.ContentFolder(
    [
        ("ressorts.yml", "- name: Politik\n- name: Wirtschaft\n"),
        ("01.md", Article("aerzte-streiken", "Ärzte streiken", "Erika Muster", "Gesundheit, Köln", "2025-05-03T10:00:00", "Politik")),
        ("02.md", Article("apfelernte-beginnt", "Apfelernte beginnt", "Max Weber", "Landwirtschaft", "2025-05-01T10:00:00", "Wirtschaft")),
        ("03.md", Article("zoll-erhoeht", "Zoll erhöht", "Erika Muster", "Handel", "2025-05-10T10:00:00", "Wirtschaft")),
        ("04.md", Article("bahnstreik", "Bahnstreik", "Lena Schmidt", "Verkehr, Köln", "2025-05-20T00:30:00")),
        ("05.md", Article("entwurf-bruecke", "Entwurf Brücke", "Erika Muster", "Köln", null, "Politik", draft: true)),
        ("06.md", Article("geplanter-gipfel", "Geplanter Gipfel", "Max Weber", "Gipfel", "2025-07-01T10:00:00", "Politik")),
        ("07.md", Article("pruefling", "Prüfling", "Lena Schmidt", "Verkehr", null, draft: true)),
        ("08.md", Article("weggeworfen", "Weggeworfen", "Max Weber", "Abfall", "2025-04-01T10:00:00")),
        ("09.md", Article("leerer-entwurf", "Leerer Entwurf", "Lena Schmidt", "Verkehr", null, draft: true, body: "")),
        .. more,
    ]), pageSize: 10, clock: new TestClock(Now));

    /// <summary>The site's states the files cannot say: one article in review, one in the trash.</summary>
    public static async Task PrepareAsync(NewsSiteFactory site)
    {
        var store = site.Services.GetRequiredService<IArticleStore>();
        Assert.Equal(ReviewChange.Done, await store.SubmitForReviewAsync(await IdAsync(site, "pruefling"), "clara", Token));
        Assert.True(await store.SetTrashedAsync(await IdAsync(site, "weggeworfen"), true, "anna", Token));
    }

    public static async Task<long> IdAsync(NewsSiteFactory site, string slug) =>
        (await site.Services.GetRequiredService<IEditorArticles>().ListForEditorsAsync(new EditorArticleFilter(null, slug), 1, 50, Token))
        .Items.Single(a => a.Slug == slug).Id;

    public static async Task<EditableArticle> FindAsync(NewsSiteFactory site, string slug) =>
        (await site.Services.GetRequiredService<IEditorArticles>().FindForEditingAsync(await IdAsync(site, slug), Token))!;

    /// <summary>The titles of the list's rows, in order.</summary>
    public static List<string> Titles(IDocument page) =>
        [.. page.QuerySelectorAll(".admin-table tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    /// <summary>The texts of one column of the list, in order (1 = title).</summary>
    public static List<string> Column(IDocument page, int column) =>
        [.. page.QuerySelectorAll($".admin-table tbody tr td:nth-child({column})").Select(td => td.TextContent.Trim())];

    /// <summary>Ticks the rows of these titles in the list and sends the bulk form with the action: the first step, which asks.</summary>
    public static async Task<(HttpResponseMessage Response, IDocument Document)> ChooseAsync(
        AdminClient editor, string action, string[] titles, string? tag = null, string listPath = "/admin")
    {
        var (_, list) = await editor.GetAsync(listPath);
        foreach (var row in list.QuerySelectorAll(".admin-table tbody tr"))
        {
            var title = row.QuerySelector("td")!.TextContent.Trim();
            ((IHtmlInputElement)row.QuerySelector("input[name=ids]")!).IsChecked = titles.Contains(title);
        }

        var values = new Dictionary<string, string> { ["aktion"] = action };
        if (tag is not null)
        {
            values["aktion-schlagwort"] = tag;
        }

        return await editor.SubmitAsync(list, listPath, "form#bulk", values, "Ausführen");
    }

    /// <summary>Both steps: choose, then press the confirming „Ja, …“.</summary>
    public static async Task<(HttpResponseMessage Response, IDocument Document)> RunAsync(
        AdminClient editor, string action, string[] titles, string? tag = null, string listPath = "/admin")
    {
        var (asked, page) = await ChooseAsync(editor, action, titles, tag, listPath);
        Assert.Equal(System.Net.HttpStatusCode.OK, asked.StatusCode);
        Assert.NotNull(page.QuerySelector("#confirm"));
        return await editor.SubmitAsync(page, "/admin", "form#bulk", button: "Ja, ");
    }
}
