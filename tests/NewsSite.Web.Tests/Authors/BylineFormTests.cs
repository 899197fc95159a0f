using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Authors;

/// <summary>
/// The byline in the article form and the upload (decision 0021): a new article starts with the writer's own profile,
/// several names separated by commas are co-authors written as authors:, a name that looks like a known author is
/// saved with a warning naming the close match, and too many names are refused beside the field.
/// </summary>
public class BylineFormTests
{
    private const string Editor = "form#editor";

    private static string AuthorField(AngleSharp.Dom.IDocument page) => ((IHtmlInputElement)page.QuerySelector("#author")!).Value;

    [Fact]
    public async Task ANewArticle_StartsWithTheProfileLinkedToTheAccount_AndWithoutOneWithTheOldDefault()
    {
        await using var site = AuthorSite.Create();
        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);
        await AdminClient.EnsureAccountAsync(site, "lena", UserRole.Contributor);
        await admin.SubmitAsync("/admin/autoren/lena-schmidt", "form#profile-form", new() { ["account"] = "lena" });
        using var lena = await AdminClient.LoginAsync(site, "lena", UserRole.Contributor);

        var (_, hers) = await lena.GetAsync("/admin/artikel/neu");
        var (_, annas) = await admin.GetAsync("/admin/artikel/neu");
        // The page as it came, author field untouched, as a browser sends it.
        var (saved, _) = await lena.SubmitAsync(hers, "/admin/artikel/neu", Editor,
            new() { ["Fields.Title"] = "Von Lena", ["Body"] = "Text." }, "Als Entwurf speichern");

        Assert.Equal("Lena Schmidt", AuthorField(hers));
        Assert.Equal("", AuthorField(annas));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, stored) = await lena.FollowAsync(saved);
        Assert.Equal("Lena Schmidt", AuthorField(stored));
    }

    [Fact]
    public async Task SeveralNames_AreCoAuthors_WrittenAsAuthors_AndShownInTheByline()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);

        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Editor,
            EditorSource.Form("---\ntitle: Zu zweit\n---\n\nText.\n", new() { ["Fields.Author"] = "Max Weber, Anna Berger" }), "Veröffentlichen");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, form) = await editor.FollowAsync(saved);
        Assert.Equal("Max Weber, Anna Berger", AuthorField(form));
        Assert.Contains("authors: [\"Max Weber\", \"Anna Berger\"]\n", await StoredSourceAsync(site, "zu-zweit"), StringComparison.Ordinal);
        var (_, page) = await site.GetPageAsync("/artikel/zu-zweit");
        Assert.StartsWith("Von Max Weber und Anna Berger", page.QuerySelector("main .byline")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Zu zweit", (await site.GetPageAsync("/autor/anna-berger")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooManyNames_Are422BesideTheAuthorField_AndNothingIsSaved()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var names = string.Join(", ", Enumerable.Range(1, 11).Select(i => $"Person {i}"));

        var (response, page) = await editor.SubmitAsync("/admin/artikel/neu", Editor,
            EditorSource.Form("---\ntitle: Viele\n---\n\nText.\n", new() { ["Fields.Author"] = names }), "Als Entwurf speichern");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Zu viele Autoren (11, höchstens 10)", page.QuerySelector("#author-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(names, AuthorField(page));
        Assert.Equal(HttpStatusCode.NotFound, (await site.SendAsync("/autor/person-1")).StatusCode);
    }

    [Fact]
    public async Task ANameLikeAKnownAuthor_IsSavedWithAWarningNamingTheCloseMatch()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);

        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Editor,
            EditorSource.Form("---\ntitle: Vertippt\n---\n\nText.\n", new() { ["Fields.Author"] = "Markus Lehman" }), "Veröffentlichen");
        var (_, done) = await editor.FollowAsync(saved);
        var (again, _) = await editor.SubmitAsync("/admin/artikel/neu", Editor,
            EditorSource.Form("---\ntitle: Richtig\n---\n\nText.\n", new() { ["Fields.Author"] = "Markus Lehmann" }), "Veröffentlichen");
        var (_, fine) = await editor.FollowAsync(again);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Warnung: Autor „Markus Lehman“ ähnelt „Markus Lehmann“", done.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Warnung", fine.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUploadWithANameLikeAKnownAuthor_IsStoredWithAWarning_AndTheUmlautSpellingCountsToo()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        FormFile Md(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

        var (response, page) = await editor.SubmitAsync("/admin/hochladen", "form[enctype='multipart/form-data']", button: "Veröffentlichen",
            files: new()
            {
                ["files"] =
                [
                    Md("a.md", "---\ntitle: Eins\nauthor: Markus Lehman\n---\n\nText.\n"),
                    Md("b.md", "---\ntitle: Zwei\nauthors: [Anna Berger, MAX WEBER, Lena Schmitt]\n---\n\nText.\n"),
                ],
            });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warnings = page.QuerySelectorAll(".result__warning").Select(w => w.TextContent.Trim()).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("Warnung: Autor „Markus Lehman“ ähnelt „Markus Lehmann“", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("Warnung: Autor „Lena Schmitt“ ähnelt „Lena Schmidt“", warnings[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.SendAsync("/autor/markus-lehman")).StatusCode);
    }

    private static async Task<string> StoredSourceAsync(NewsSiteFactory site, string slug)
    {
        await foreach (var article in site.Services.GetRequiredService<IExportReads>().ReadAllForExportAsync(TestContext.Current.CancellationToken))
        {
            if (article.Slug == slug)
            {
                return article.Markdown;
            }
        }

        return "";
    }
}
