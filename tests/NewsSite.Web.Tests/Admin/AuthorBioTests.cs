using System.Net;
using AngleSharp.Dom;
using NewsSite.Core.Articles;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>The authors' list and the bio form in the admin, through real form posts, and the bio on the public page.</summary>
public class AuthorBioTests
{
    private const string Form = "form#bio-form";
    private const string LeasPage = "/admin/autoren/lea-graf";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string title, string author, string extra = "") =>
        $"---\ntitle: \"{title}\"\nauthor: {author}\ndate: 2025-03-01T10:00:00\n{extra}\n---\n\nText.\n";

    private static NewsSiteFactory Site() => new(NewsSiteFactory.ContentFolder(
        ("a.md", Article("Eins", "Lea Graf")),
        ("b.md", Article("Zwei", "Lea Graf", "draft: true")),
        ("c.md", Article("Drei", "Ömer Aydin")),
        ("d.md", Article("Vier", "Anton Abel"))));

    private static async Task<IElement?> PublicBioAsync(NewsSiteFactory site) =>
        (await site.GetPageAsync("/autor/lea-graf")).Document.QuerySelector(".author-bio");

    private static string Error(IDocument page) => page.QuerySelector("#bio-error")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task AuthorsPage_ListsEveryAuthorWithArticleCounts_AndIsInTheNavigation()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await editor.GetAsync("/admin/autoren");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(
            ["Anton Abel 1 1 –", "Lea Graf 2 1 –", "Ömer Aydin 1 1 –"],
            page.QuerySelectorAll(".authors-table tbody tr").Select(row =>
                string.Join(' ', row.QuerySelectorAll("td").Take(4).Select(td => td.TextContent.Trim()))));
        Assert.Equal(LeasPage, page.QuerySelectorAll(".authors-table tbody td:first-child a").Single(a => a.TextContent == "Lea Graf").GetAttribute("href"));
        var navigation = page.QuerySelector("header nav a[href='/admin/autoren']")!;
        Assert.Equal(("Autoren", "page"), (navigation.TextContent, navigation.GetAttribute("aria-current")));
    }

    [Fact]
    public async Task SavedBio_AppearsOnTheAuthorPage_AndInTheList()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        Assert.Null(await PublicBioAsync(site));

        var (saved, _) = await editor.SubmitAsync(LeasPage, Form, new() { ["Bio"] = "Lea schreibt über **Köln** und die [Stadtbahn](https://example.org/bahn)." });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(LeasPage, saved.Headers.Location!.OriginalString);
        var (_, form) = await editor.FollowAsync(saved);
        Assert.Contains("Die Biografie ist gespeichert (Fassung 1)", form.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Lea schreibt über **Köln** und die [Stadtbahn](https://example.org/bahn).", form.QuerySelector("#bio")!.TextContent);
        Assert.Equal("1", form.QuerySelector("input[name=Version]")!.GetAttribute("value"));
        Assert.Contains("Fassung 1", form.QuerySelector(".bio-history")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("von anna", form.QuerySelector(".bio-history")!.TextContent, StringComparison.Ordinal);

        var bio = await PublicBioAsync(site);
        Assert.Equal("Köln", bio!.QuerySelector("strong")!.TextContent);
        Assert.Equal("https://example.org/bahn", bio.QuerySelector("a")!.GetAttribute("href"));
        var (_, list) = await editor.GetAsync("/admin/autoren");
        Assert.Contains(list.QuerySelectorAll(".authors-table tbody tr"), row => row.TextContent.Contains("Lea Graf", StringComparison.Ordinal) && row.TextContent.Contains("vorhanden", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RawHtmlAndScriptLinks_InABioFromTheForm_ReachThePageInert()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        await editor.SubmitAsync(LeasPage, Form, new() { ["Bio"] = "<script>alert(1)</script> <b onclick=\"alert(2)\">fett</b> [Klick](javascript:alert(3))" });

        var (_, page) = await site.GetPageAsync("/autor/lea-graf");
        var bio = page.QuerySelector(".author-bio")!;
        Assert.Empty(page.QuerySelectorAll("script:not([type='application/ld+json']), .author-bio b, .author-bio a"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Contains("<script>alert(1)</script>", bio.TextContent, StringComparison.Ordinal);
        Assert.Contains("Klick", bio.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooLongBio_IsRefusedInGerman_KeepsTheText_AndSavesNothing()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        var tooLong = new string('x', AuthorProfileParser.MaxBioLength + 1);

        var (response, page) = await editor.SubmitAsync(LeasPage, Form, new() { ["Bio"] = tooLong });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Die Biografie ist zu lang (5.001 Zeichen, höchstens 5.000).", Error(page));
        Assert.Equal(tooLong, page.QuerySelector("#bio")!.TextContent);
        Assert.Null(await PublicBioAsync(site));
        Assert.Null(page.QuerySelector(".bio-history"));
    }

    [Fact]
    public async Task UnrenderableBio_IsRefusedInGerman()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await editor.SubmitAsync(LeasPage, Form, new() { ["Bio"] = string.Concat(Enumerable.Repeat("> ", 100)) + "Text" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("zu tief verschachtelt", Error(page), StringComparison.Ordinal);
        Assert.Null(await PublicBioAsync(site));
    }

    [Fact]
    public async Task EmptiedBio_IsRemovedFromThePage_AndKeptInTheHistory()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        await editor.SubmitAsync(LeasPage, Form, new() { ["Bio"] = "Erste Fassung." });

        var (removed, _) = await editor.SubmitAsync(LeasPage, Form, new() { ["Bio"] = "  " });
        var (_, form) = await editor.FollowAsync(removed);

        Assert.Contains("Die Biografie ist entfernt (Fassung 2)", form.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await PublicBioAsync(site));
        Assert.Equal(["Biografie entfernt", "Text ansehen"], form.QuerySelectorAll(".bio-history summary").Select(s => s.TextContent));
        Assert.Equal("Erste Fassung.", form.QuerySelectorAll(".bio-history pre")[1].TextContent);
    }

    [Fact]
    public async Task SecondEditorsSave_AgainstAnOlderVersion_IsRefused_AndGoesThroughWhenSentAgain()
    {
        await using var site = Site();
        using var anna = await AdminClient.LoginAsync(site, "anna");
        using var ben = await AdminClient.LoginAsync(site, "ben");
        var (_, annasForm) = await anna.GetAsync(LeasPage);
        var (_, bensForm) = await ben.GetAsync(LeasPage);

        var (annaSaved, _) = await anna.SubmitAsync(annasForm, LeasPage, Form, new() { ["Bio"] = "Annas Fassung." });
        var (conflict, conflictPage) = await ben.SubmitAsync(bensForm, LeasPage, Form, new() { ["Bio"] = "Bens Fassung." });

        Assert.Equal(HttpStatusCode.Redirect, annaSaved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("inzwischen geändert (Fassung 1, von anna)", Error(conflictPage), StringComparison.Ordinal);
        Assert.Equal("Bens Fassung.", conflictPage.QuerySelector("#bio")!.TextContent);
        Assert.Contains("Annas Fassung.", (await PublicBioAsync(site))!.TextContent, StringComparison.Ordinal);

        var (again, _) = await ben.SubmitAsync(conflictPage, LeasPage, Form);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Bens Fassung.", (await PublicBioAsync(site))!.TextContent, StringComparison.Ordinal);
        var (_, history) = await ben.GetAsync(LeasPage);
        Assert.Equal(["Bens Fassung.", "Annas Fassung."], history.QuerySelectorAll(".bio-history pre").Select(p => p.TextContent));
    }

    [Fact]
    public async Task UnchangedBio_SavesNoNewVersion()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        await editor.SubmitAsync(LeasPage, Form, new() { ["Bio"] = "Gleich." });

        var (again, _) = await editor.SubmitAsync(LeasPage, Form);
        var (_, form) = await editor.FollowAsync(again);

        Assert.Contains("unverändert", form.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Single(form.QuerySelectorAll(".bio-history li"));
    }

    [Theory]
    [InlineData("/admin/autoren/niemand")]
    [InlineData("/admin/autoren/Lea-Graf")]
    [InlineData("/admin/autoren/lea%20graf")]
    public async Task UnknownAuthor_Is404(string path)
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync(path)).Response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/autoren")]
    [InlineData(LeasPage)]
    public async Task AnonymousVisitor_IsSentToTheLogin(string path)
    {
        await using var site = Site();
        using var anonymous = new AdminClient(site);

        var (response, _) = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/anmelden?returnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnonymousPost_SavesNothing()
    {
        await using var site = Site();
        using var anonymous = new AdminClient(site);
        using var post = new FormUrlEncodedContent([new("Bio", "Gefälscht."), new("Version", "0")]);

        var response = await anonymous.Http.PostAsync(new Uri(LeasPage, UriKind.Relative), post, Token);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        Assert.Null(await PublicBioAsync(site));
    }

    [Fact]
    public async Task PostWithoutAntiforgeryToken_IsRefused_AndSavesNothing()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);
        using var forged = new FormUrlEncodedContent([new("Bio", "Gefälscht."), new("Version", "0")]);

        var response = await editor.Http.PostAsync(new Uri(LeasPage, UriKind.Relative), forged, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await PublicBioAsync(site));
        var (_, form) = await editor.GetAsync(LeasPage);
        Assert.Null(form.QuerySelector(".bio-history"));
    }
}
