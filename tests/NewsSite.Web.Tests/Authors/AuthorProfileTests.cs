using System.Net;
using AngleSharp.Html.Dom;
using NewsSite.Core.Accounts;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Authors;

/// <summary>
/// The admin's profile form (decision 0021): rename and new address with the old page and feeds answering 301, bylines
/// and sources that follow, the account link, and bad input refused beside its field with 422 and nothing saved.
/// </summary>
public class AuthorProfileTests
{
    private const string Form = "form#profile-form";

    private static async Task<string> AuthorFieldAsync(AdminClient editor, string title)
    {
        var (_, page) = await editor.GetAsync(await editor.EditUrlOfAsync(title));
        return ((IHtmlInputElement)page.QuerySelector("#author")!).Value;
    }

    [Fact]
    public async Task RenameAndNewAddress_TheOldPageAndItsFeedsAnswer301_AndBylinesAndSourcesFollow()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);

        var (saved, _) = await editor.SubmitAsync("/admin/autoren/markus-lehmann", Form,
            new() { ["name"] = "Markus Lehmann-Schulz", ["newSlug"] = "mls" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/admin/autoren/mls", saved.Headers.Location!.OriginalString);
        var (_, done) = await editor.FollowAsync(saved);
        Assert.Contains("Die alte Adresse /autor/markus-lehmann leitet weiter", done.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        foreach (var (old, current) in new[]
        {
            ("/autor/markus-lehmann", "/autor/mls"),
            ("/autor/markus-lehmann?seite=1", "/autor/mls"),
            ("/autor/markus-lehmann/rss.xml", "/autor/mls/rss.xml"),
            ("/autor/markus-lehmann/atom.xml", "/autor/mls/atom.xml"),
            ("/autor/markus-lehmann/feed.json", "/autor/mls/feed.json"),
            ("/autor/markus-lehmann-schulz", "/autor/mls"),
        })
        {
            var response = await site.SendAsync(old);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(current, response.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await site.SendAsync(current)).StatusCode);
        }

        var (_, article) = await site.GetPageAsync("/artikel/zu-dritt");
        Assert.Equal(["Anna Berger", "Markus Lehmann-Schulz", "Lena Schmidt"],
            article.QuerySelectorAll("main .byline a[rel=author]").Select(a => a.TextContent.Trim()));
        Assert.Equal("Anna Berger, Markus Lehmann-Schulz, Lena Schmidt", await AuthorFieldAsync(editor, "Zu dritt"));
        Assert.Equal("Markus Lehmann-Schulz", await AuthorFieldAsync(editor, "Allein"));
    }

    [Fact]
    public async Task ANewArticleWithTheOldName_LandsOnTheRenamedAuthor()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        await editor.SubmitAsync("/admin/autoren/markus-lehmann", Form, new() { ["name"] = "Markus Lehmann-Schulz", ["newSlug"] = "mls" });

        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", "form#editor",
            EditorSource.Form("---\ntitle: Nachtrag\n---\n\nText.\n", new() { ["Fields.Author"] = "Markus Lehmann" }), "Veröffentlichen");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, page) = await site.GetPageAsync("/autor/mls");
        Assert.Contains("Nachtrag", page.QuerySelectorAll(".teaser h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task TheAccountLink_IsSetAndCleared_AndShownInTheForm()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site, "anna");
        await AdminClient.EnsureAccountAsync(site, "markus", UserRole.Contributor);

        await editor.SubmitAsync("/admin/autoren/markus-lehmann", Form, new() { ["account"] = "markus" });
        var (_, linked) = await editor.GetAsync("/admin/autoren/markus-lehmann");
        var (taken, refused) = await editor.SubmitAsync("/admin/autoren/anna-berger", Form, new() { ["account"] = "markus" });
        await editor.SubmitAsync("/admin/autoren/markus-lehmann", Form, new() { ["account"] = "" });
        var (_, cleared) = await editor.GetAsync("/admin/autoren/markus-lehmann");

        Assert.Equal("markus", ((IHtmlSelectElement)linked.QuerySelector("#account")!).Value);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("gehört schon zum Profil „Markus Lehmann“", refused.QuerySelector("#account-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("", ((IHtmlSelectElement)cleared.QuerySelector("#account")!).Value);
    }

    [Theory]
    [InlineData("name", "", "Bitte einen Namen angeben")]
    [InlineData("name", "Meier, Hans", "kein Komma")]
    [InlineData("name", "Anna Berger", "schon zu „Anna Berger“")]
    [InlineData("newSlug", "Markus Lehmann", "keine gültige Adresse")]
    [InlineData("newSlug", "lena-schmidt", "gehört schon zu „Lena Schmidt“")]
    [InlineData("account", "niemand", "Ein Konto „niemand“ gibt es nicht")]
    public async Task BadInput_Is422BesideItsField_AndNothingIsSaved(string field, string value, string message)
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await editor.SubmitAsync("/admin/autoren/markus-lehmann", Form, new() { [field] = value });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errorId = (field == "newSlug" ? "slug" : field) + "-error";
        Assert.Contains(message, page.QuerySelector($"#{errorId}")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await site.SendAsync("/autor/markus-lehmann")).StatusCode);
        Assert.Equal("Markus Lehmann", await AuthorFieldAsync(editor, "Allein"));
    }

    [Fact]
    public async Task ANameTooLong_Is422()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await editor.SubmitAsync("/admin/autoren/markus-lehmann", Form, new() { ["name"] = new string('M', 101) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("zu lang (101 Zeichen, höchstens 100)", page.QuerySelector("#name-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenamingEvictsTheAuthorsPagesAndArticles_AndNotOtherAuthors()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        string[] showing = ["/autor/lena-schmidt", "/autor/lena-schmidt/rss.xml", "/artikel/zu-dritt", "/"];
        string[] elsewhere = ["/autor/max-weber", "/artikel/fremd"];
        foreach (var path in showing.Concat(elsewhere))
        {
            await site.GetCachedPageAsync(path);
            Assert.True((await site.GetCachedPageAsync(path)).FromCache, path);
        }

        await editor.SubmitAsync("/admin/autoren/lena-schmidt", Form, new() { ["name"] = "Lena Schmidt-Ott" });

        foreach (var path in showing)
        {
            Assert.False((await site.GetCachedPageAsync(path)).FromCache, $"{path} should have been evicted");
        }

        foreach (var path in elsewhere)
        {
            Assert.True((await site.GetCachedPageAsync(path)).FromCache, $"{path} should still come from the cache");
        }
    }

    [Fact]
    public async Task APostWithoutAntiforgeryToken_ChangesNothing_AndContributorsAreRefused()
    {
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        using var contributor = await AdminClient.LoginAsync(site, "clara", UserRole.Contributor);

        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Gefälscht", ["newSlug"] = "gefaelscht" });
        var post = await editor.Http.PostAsync(new Uri("/admin/autoren/markus-lehmann?handler=Profile", UriKind.Relative), forged, TestContext.Current.CancellationToken);
        var (refused, _) = await contributor.GetAsync("/admin/autoren/markus-lehmann");

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.SendAsync("/autor/markus-lehmann")).StatusCode);
    }

    [Fact]
    public async Task TheProfileForm_WithAndWithoutErrors_AndACoWrittenArticle_PassTheNuHtmlChecker()
    {
        Assert.True(File.Exists(Pages.HtmlValidationTests.VnuJar), $"vnu.jar fehlt unter {Pages.HtmlValidationTests.VnuJar} (siehe HtmlValidationTests).");
        await using var site = AuthorSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        await editor.SubmitAsync("/admin/autoren/markus-lehmann", Form, new() { ["newSlug"] = "markus" });
        var folder = Repository.NewTempDirectory();
        var pages = new List<(string Name, string Html)>
        {
            ("profile", (await editor.GetAsync("/admin/autoren/markus")).Document.DocumentElement.OuterHtml),
            ("refused", (await editor.SubmitAsync("/admin/autoren/markus", Form, new() { ["account"] = "niemand" })).Document.DocumentElement.OuterHtml),
            ("article", (await site.GetPageAsync("/artikel/zu-dritt")).Document.DocumentElement.OuterHtml),
        };
        var files = new List<string>();
        foreach (var (name, html) in pages)
        {
            var file = Path.Combine(folder, name + ".html");
            await File.WriteAllTextAsync(file, "<!DOCTYPE html>" + html, TestContext.Current.CancellationToken);
            files.Add(file);
        }

        var start = new System.Diagnostics.ProcessStartInfo("java") { ArgumentList = { "-jar", Pages.HtmlValidationTests.VnuJar, "--errors-only", "--format", "gnu" } };
        files.ForEach(start.ArgumentList.Add);
        var (exitCode, output, errors) = await AppProcess.RunAsync(start, TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0 && (output + errors).Trim().Length == 0, $"vnu (exit {exitCode}):\n{output}{errors}");
    }
}
