using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Core.Import;
using NewsSite.Core.Ressorts;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Ressorts;

/// <summary>
/// The admin's Ressort list through real form posts, and an unknown Ressort in the upload, the import and the editor:
/// a German message naming the known ones, nothing saved.
/// </summary>
public class RessortAdminTests
{
    private const string AddForm = "form#add-ressort";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<Ressort> RessortAsync(NewsSiteFactory site, string slug) =>
        (await site.Services.GetRequiredService<IRessortStore>().FindBySlugAsync(slug, Token))!;

    private static async Task<List<string>> NavigationAsync(NewsSiteFactory site) =>
        [.. (await site.GetPageAsync("/")).Document.QuerySelectorAll("nav.ressort-nav a").Select(a => a.TextContent.Trim())];

    [Fact]
    public async Task OnlyAdmins_OpenTheList()
    {
        await using var site = RessortSite.Create();
        using var editor = await AdminClient.LoginAsync(site, "erika", UserRole.Editor);
        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);

        var (refused, _) = await editor.GetAsync("/admin/ressorts");
        var (allowed, page) = await admin.GetAsync("/admin/ressorts");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(["Politik", "Sport", "Leer"], page.QuerySelectorAll(".ressorts-table tbody input[name=name]").Select(i => ((AngleSharp.Html.Dom.IHtmlInputElement)i).Value));
        Assert.Equal(["5", "1", "0"], page.QuerySelectorAll(".ressorts-table tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task Add_WithADerivedSlug_AppearsLastInTheNavigation()
    {
        await using var site = RessortSite.Create();
        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);

        var (response, _) = await admin.SubmitAsync("/admin/ressorts", AddForm, new() { ["name"] = "Außenpolitik" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, list) = await admin.FollowAsync(response);
        Assert.Contains("Ressort „Außenpolitik“ angelegt: /ressort/aussenpolitik.", list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Politik", "Sport", "Leer", "Außenpolitik"], await NavigationAsync(site));
    }

    [Fact]
    public async Task Add_ATakenNameOrABadSlug_ShowsTheGermanErrorBesideItsField_AndSavesNothing()
    {
        await using var site = RessortSite.Create();
        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);

        var (taken, page) = await admin.SubmitAsync("/admin/ressorts", AddForm, new() { ["name"] = "politik", ["slug"] = "neu" });
        var (bad, badPage) = await admin.SubmitAsync("/admin/ressorts", AddForm, new() { ["name"] = "Neu", ["slug"] = "Neu Seite" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Equal("Ein Ressort „Politik“ gibt es schon. Bitte einen anderen Namen wählen.", page.QuerySelector("#name-new-error")!.TextContent.Trim());
        Assert.Equal("name-new-error", page.QuerySelector("#name-new")!.GetAttribute("aria-describedby"));
        Assert.Equal("true", page.QuerySelector("#name-new")!.GetAttribute("aria-invalid"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("kein gültiger Slug", badPage.QuerySelector("#slug-new-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Neu Seite", ((AngleSharp.Html.Dom.IHtmlInputElement)badPage.QuerySelector("#slug-new")!).Value);
        Assert.Equal(["Politik", "Sport", "Leer"], await NavigationAsync(site));
    }

    [Fact]
    public async Task Rename_ChangesNavigationBreadcrumbAndSection_AndTheOldSlugRedirects()
    {
        await using var site = RessortSite.Create();
        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);
        var sport = await RessortAsync(site, "sport");

        var (response, _) = await admin.SubmitAsync("/admin/ressorts", $"form#update-{sport.Id}", new() { ["name"] = "Sport & Spiel", ["slug"] = "sport-und-spiel" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["Politik", "Sport & Spiel", "Leer"], await NavigationAsync(site));
        var (_, article) = await site.GetPageAsync("/artikel/s1");
        Assert.Equal("/ressort/sport-und-spiel", article.QuerySelectorAll("nav.breadcrumb a")[1].GetAttribute("href"));
        var old = await site.SendAsync("/ressort/sport?seite=1");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/ressort/sport-und-spiel", old.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Reorder_MovesARessortUpAndDown()
    {
        await using var site = RessortSite.Create();
        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);
        var leer = await RessortAsync(site, "leer");
        var politik = await RessortAsync(site, "politik");

        await admin.SubmitAsync("/admin/ressorts", $"form#up-{leer.Id}");
        Assert.Equal(["Politik", "Leer", "Sport"], await NavigationAsync(site));
        await admin.SubmitAsync("/admin/ressorts", $"form#down-{politik.Id}");
        Assert.Equal(["Leer", "Politik", "Sport"], await NavigationAsync(site));
    }

    [Fact]
    public async Task Delete_IsRefusedInGermanWhileArticlesUseIt_AnUnusedOneGoes()
    {
        await using var site = RessortSite.Create();
        using var admin = await AdminClient.LoginAsync(site, "anna", UserRole.Admin);
        var politik = await RessortAsync(site, "politik");
        var leer = await RessortAsync(site, "leer");

        var (refused, page) = await admin.SubmitAsync("/admin/ressorts", $"form#delete-{politik.Id}");
        var (deleted, _) = await admin.SubmitAsync("/admin/ressorts", $"form#delete-{leer.Id}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.StartsWith("Das Ressort „Politik“ lässt sich nicht löschen: 5 Artikel gehören dazu",
            page.QuerySelector($"#delete-{politik.Id}-error")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(["Politik", "Sport"], await NavigationAsync(site));
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/ressort/leer")).Response.StatusCode);
    }

    [Fact]
    public async Task Upload_OfAnArticleInAnUnknownRessort_IsRefusedNamingTheKnownOnes_NothingSaved()
    {
        await using var site = RessortSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var file = new FormFile("neu.md", Encoding.UTF8.GetBytes(RessortSite.Article("neu", "Neu hier", "Sprot", "2025-05-30T09:00:00")));

        var (_, page) = await editor.SubmitAsync("/admin/hochladen", "form[enctype='multipart/form-data']", button: "Veröffentlichen",
            files: new() { ["files"] = [file] });

        var result = page.QuerySelector(".result")!.TextContent;
        Assert.Contains("Das Ressort „Sprot“ gibt es nicht. Bekannte Ressorts: Politik, Sport, Leer.", result, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/neu")).Response.StatusCode);
        Assert.Equal(7, await site.Services.GetRequiredService<IArticleStore>().CountAsync(Token));
    }

    [Fact]
    public async Task Import_OfAnArticleInAnUnknownRessort_ReportsItNamingTheKnownOnes_TheOthersGoIn()
    {
        await using var site = RessortSite.Create();
        var folder = NewsSiteFactory.ContentFolder(
            ("gut.md", RessortSite.Article("gut", "Gut", "Sport", "2025-05-20T10:00:00")),
            ("falsch.md", RessortSite.Article("falsch", "Falsch", "Feuilleton", "2025-05-20T11:00:00")));

        var report = await site.Services.GetRequiredService<ArticleImporter>().ImportFolderAsync(folder, cancellationToken: Token);

        var failed = Assert.Single(report.Files, f => f.Outcome == ImportOutcome.Failed);
        Assert.Equal("falsch.md: Das Ressort „Feuilleton“ gibt es nicht. Bekannte Ressorts: Politik, Sport, Leer.", failed.Reason);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/falsch")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/gut")).Response.StatusCode);
    }

    [Fact]
    public async Task Editor_AnUnknownRessort_ShowsTheErrorBesideTheRessortField_NothingSaved()
    {
        await using var site = RessortSite.Create();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await editor.SubmitAsync("/admin/artikel/neu", "form#editor", EditorSource.Form("---\ntitle: Im Editor\n---\n\nText.\n", new()
        {
            ["Fields.Ressort"] = "Wirtschaft",
        }), "Veröffentlichen");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Das Ressort „Wirtschaft“ gibt es nicht. Bekannte Ressorts: Politik, Sport, Leer.", page.QuerySelector("#ressort-error")!.TextContent.Trim());
        Assert.Contains("ressort-error", page.QuerySelector("#ressort")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal(7, await site.Services.GetRequiredService<IArticleStore>().CountAsync(Token));
    }

    [Fact]
    public async Task Editor_TheRessortField_FilesTheArticle()
    {
        await using var site = RessortSite.Create();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, _) = await editor.SubmitAsync("/admin/artikel/neu", "form#editor", EditorSource.Form("---\ntitle: Im Editor\n---\n\nText.\n", new()
        {
            ["Fields.Ressort"] = "Sport",
        }), "Veröffentlichen");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, page) = await site.GetPageAsync("/ressort/sport");
        Assert.Equal("Im Editor", page.QuerySelector(".ressort-lead__title a")!.TextContent.Trim());
    }
}
