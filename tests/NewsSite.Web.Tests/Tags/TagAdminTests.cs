using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Core.Import;
using NewsSite.Web.Pages.Admin.Tags;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Tags;

/// <summary>
/// The tag admin through real form posts: the list with counts and the report of likely duplicates, rename and merge
/// with the old addresses and feeds answering 301, sources that follow, aliases in the import, the upload and the
/// editor, and bad input refused beside its field with 422 and nothing saved.
/// </summary>
public class TagAdminTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string EditPath(long id) => TagEditModel.PathOf(id);

    private static async Task<string> EditorTagsFieldAsync(AdminClient editor, string title)
    {
        var (_, page) = await editor.GetAsync(await editor.EditUrlOfAsync(title));
        return ((IHtmlInputElement)page.QuerySelector("#tags")!).Value;
    }

    [Theory]
    [InlineData(UserRole.Editor)]
    [InlineData(UserRole.Admin)]
    public async Task EditorsAndAdmins_SeeEveryTagWithItsCounts_InGermanOrder_LinkedFromTheMenu(UserRole role)
    {
        await using var site = TagSite.Create();
        using var client = await AdminClient.LoginAsync(site, "erika", role);

        var (response, page) = await client.GetAsync("/admin/schlagwoerter");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/admin/schlagwoerter", page.QuerySelectorAll("nav a").Single(a => a.TextContent.Trim() == "Schlagwörter").GetAttribute("href"));
        var rows = page.QuerySelectorAll(".tags-table tbody tr").Select(r => string.Join('|', r.QuerySelectorAll("td").Take(3).Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(["Flughafen|1|1", "Kirche|1|1", "Koeln|2|3", "Köln|2|2", "Kultur|1|1", "Verkehr|2|2"], rows);
    }

    [Fact]
    public async Task Contributors_AreRefused_AndTheMenuDoesNotOfferIt()
    {
        await using var site = TagSite.Create();
        using var contributor = await AdminClient.LoginAsync(site, "clara", UserRole.Contributor);
        var koeln = await TagSite.TagAsync(site, "Koeln");

        var (list, _) = await contributor.GetAsync("/admin/schlagwoerter");
        var (tag, _) = await contributor.GetAsync(EditPath(koeln.Id));
        var (_, home) = await contributor.GetAsync("/admin");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (list.StatusCode, tag.StatusCode));
        Assert.DoesNotContain(home.QuerySelectorAll("nav a"), a => a.TextContent.Trim() == "Schlagwörter");
    }

    [Fact]
    public async Task TheList_SortsByPublishedArticles_AndRefusesAnUnknownSort()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);

        var (_, page) = await editor.GetAsync("/admin/schlagwoerter?sortierung=alle");
        var (unknown, _) = await editor.GetAsync("/admin/schlagwoerter?sortierung=bunt");

        Assert.Equal("Koeln", page.QuerySelector(".tags-table tbody tr td a")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Rename_TheOldPageAndItsFeedsAnswer301ToTheNewOnes_AndTheArticlesShowTheNewName()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var flughafen = await TagSite.TagAsync(site, "Flughafen");

        var (renamed, _) = await editor.SubmitAsync(EditPath(flughafen.Id), "form#rename-tag", new() { ["name"] = "Luftfahrt" });

        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var (_, done) = await editor.FollowAsync(renamed);
        Assert.Contains("„Flughafen“ heißt jetzt „Luftfahrt“ (/thema/luftfahrt)", done.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        foreach (var (old, current) in new[]
        {
            ("/thema/flughafen", "/thema/luftfahrt"),
            ("/thema/flughafen/rss.xml", "/thema/luftfahrt/rss.xml"),
            ("/thema/flughafen/atom.xml", "/thema/luftfahrt/atom.xml"),
            ("/thema/flughafen/feed.json", "/thema/luftfahrt/feed.json"),
        })
        {
            var response = await site.SendAsync(old);
            Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
            Assert.Equal(current, response.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await site.SendAsync(current)).StatusCode);
        }

        Assert.Equal(["Luftfahrt"], await TagSite.TagsOnPageAsync(site, "bahn"));
        Assert.Contains("Bahn", (await site.GetPageAsync("/thema/luftfahrt")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Luftfahrt", await EditorTagsFieldAsync(editor, "Bahn"));
    }

    [Fact]
    public async Task Rename_OfATagOnDraftsOnly_LeavesTheOldAddressAndFeeds404_SoThatTheNewNameStaysUnconfirmed()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", "form#editor",
            EditorSource.Form("---\ntitle: Geheim\n---\n\nText.\n", new() { ["Fields.Tags"] = "Personalie" }), "Als Entwurf speichern");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var personalie = await TagSite.TagAsync(site, "Personalie");

        var (renamed, _) = await editor.SubmitAsync(EditPath(personalie.Id), "form#rename-tag", new() { ["name"] = "Rücktritt der Ministerin" });

        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.SendAsync("/thema/personalie")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.SendAsync("/thema/personalie/rss.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.SendAsync("/thema/ruecktritt-der-ministerin")).StatusCode);
    }

    [Fact]
    public async Task Rename_OntoAnExistingTagsName_IsRefusedSuggestingTheMerge_WithNothingSaved()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Koeln");

        var (response, page) = await editor.SubmitAsync(EditPath(koeln.Id), "form#rename-tag", new() { ["name"] = "köln" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Das Schlagwort „Köln“ gibt es schon. Um beide zu einem zu machen, bitte „Koeln“ mit „Köln“ zusammenführen.",
            page.QuerySelector("#name-error")!.TextContent.Trim());
        Assert.Equal("köln", ((IHtmlInputElement)page.QuerySelector("#name")!).Value);
        Assert.Equal(["Kirche", "Koeln"], (await TagSite.TagsOnPageAsync(site, "dom")).Order());
        Assert.Equal(HttpStatusCode.OK, (await site.SendAsync("/thema/koeln-2")).StatusCode);
    }

    [Fact]
    public async Task Merge_ArticlesCarryTheTarget_TheOldAddressAndFeedsRedirect_TheTargetsFeedsListThem_AndTheSourcesFollow()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Koeln");

        var (merged, _) = await editor.SubmitAsync(EditPath(koeln.Id), "form#merge-tag", new() { ["into"] = "Köln" });

        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        var (_, done) = await editor.FollowAsync(merged);
        Assert.Contains("„Koeln“ ist jetzt „Köln“: 3 Artikel umgestellt, 3 Quelltexte mit neuer Version.", done.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Köln", "Kirche"], await TagSite.TagsOnPageAsync(site, "dom"));
        Assert.Equal(["Verkehr", "Köln"], await TagSite.TagsOnPageAsync(site, "zug"));
        Assert.DoesNotContain(await TagSite.AllAsync(site), t => t.Name == "Koeln");

        var old = await site.SendAsync("/thema/koeln-2");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/thema/koeln", old.Headers.Location!.OriginalString);
        foreach (var format in new[] { "rss.xml", "atom.xml", "feed.json" })
        {
            var feed = await site.SendAsync($"/thema/koeln-2/{format}");
            Assert.Equal(HttpStatusCode.MovedPermanently, feed.StatusCode);
            Assert.Equal($"/thema/koeln/{format}", feed.Headers.Location!.OriginalString);
            var target = await (await site.SendAsync($"/thema/koeln/{format}")).Content.ReadAsStringAsync(Token);
            Assert.Contains("Dom", target, StringComparison.Ordinal);
            Assert.Contains("Rhein", target, StringComparison.Ordinal);
        }

        Assert.Equal("Köln, Kirche", await EditorTagsFieldAsync(editor, "Dom"));
        Assert.Equal("Verkehr, Köln", await EditorTagsFieldAsync(editor, "Zug"));
        Assert.Equal("Köln", await EditorTagsFieldAsync(editor, "Entwurf"));
        var dom = (await site.Services.GetRequiredService<IEditorArticles>().ListForEditorsAsync(new EditorArticleFilter(null, "Dom"), 1, 50, Token)).Items.Single();
        var latest = (await site.Services.GetRequiredService<IEditorArticles>().ListHistoryAsync(dom.Id, Token)).MaxBy(h => h.Number)!;
        Assert.Equal((2, RevisionOrigin.Editor, "anna"), (latest.Number, latest.Origin, latest.OriginDetail));
    }

    [Fact]
    public async Task DuplicatesReport_ListsThePair_AndItsOneClickFormMergesIt()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Köln");
        var transliterated = await TagSite.TagAsync(site, "Koeln");

        var (_, list) = await editor.GetAsync("/admin/schlagwoerter");
        var pairs = list.QuerySelectorAll(".duplicates-table tbody tr").Select(r => string.Join('|', r.QuerySelectorAll("td").Take(3).Select(td => td.TextContent.Trim()))).ToList();
        var (merged, _) = await editor.SubmitAsync("/admin/schlagwoerter", "form#" + TagListModel.MergeFormId(transliterated.Id, koeln.Id));

        Assert.Equal(["Köln (2 Artikel)|Koeln (3 Artikel)|Schreibweise"], pairs);
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal(["Köln", "Kirche"], await TagSite.TagsOnPageAsync(site, "dom"));
        var (_, after) = await editor.FollowAsync(merged);
        Assert.Empty(after.QuerySelectorAll(".duplicates-table tbody tr"));
        Assert.Equal("Koeln", after.QuerySelectorAll(".tags-table tbody tr").Single(r => r.QuerySelector("td a")!.TextContent.Trim() == "Köln").QuerySelectorAll("td")[3].TextContent.Trim());
    }

    [Fact]
    public async Task AfterAMerge_AContentFileWithTheMergedName_IsImportedUnderTheTarget()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        await editor.SubmitAsync(EditPath((await TagSite.TagAsync(site, "Köln")).Id), "form#merge-tag", new() { ["into"] = "Koeln" });
        var folder = NewsSiteFactory.ContentFolder(("neu.md", TagSite.Article("neu", "Neu", "Köln", "2025-05-20T10:00:00")));

        var report = await site.Services.GetRequiredService<ArticleImporter>().ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal(ImportOutcome.Created, Assert.Single(report.Files).Outcome);
        Assert.Equal(["Koeln"], await TagSite.TagsOnPageAsync(site, "neu"));
    }

    [Fact]
    public async Task AnAlias_FilesImportUploadAndEditorSaveUnderItsTag()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Köln");

        var (added, _) = await editor.SubmitAsync(EditPath(koeln.Id), "form#add-alias", new() { ["alias"] = "Cologne" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var folder = NewsSiteFactory.ContentFolder(("import.md", TagSite.Article("import", "Import", "Cologne", "2025-05-20T10:00:00")));
        await site.Services.GetRequiredService<ArticleImporter>().ImportFolderAsync(folder, cancellationToken: Token);
        var upload = new FormFile("hoch.md", Encoding.UTF8.GetBytes(TagSite.Article("hoch", "Hochgeladen", "COLOGNE, Rhein", "2025-05-21T10:00:00")));
        var (uploaded, _) = await editor.SubmitAsync("/admin/hochladen", "form[enctype='multipart/form-data']", button: "Veröffentlichen",
            files: new() { ["files"] = [upload] });
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", "form#editor",
            EditorSource.Form("---\ntitle: Im Editor\n---\n\nText.\n", new() { ["Fields.Tags"] = "cologne, Köln" }), "Veröffentlichen");

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["Köln"], await TagSite.TagsOnPageAsync(site, "import"));
        Assert.Equal(["Köln", "Rhein"], await TagSite.TagsOnPageAsync(site, "hoch"));
        Assert.Equal(["Köln"], await TagSite.TagsOnPageAsync(site, "im-editor"));
        Assert.DoesNotContain(await TagSite.AllAsync(site), t => t.Name.Equals("Cologne", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(5, (await TagSite.TagAsync(site, "Köln")).Articles);
    }

    [Fact]
    public async Task RemovingAnAlias_KeepsTheArticlesUnderTheTag()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Köln");
        await editor.SubmitAsync(EditPath(koeln.Id), "form#add-alias", new() { ["alias"] = "Cologne" });
        await editor.SubmitAsync("/admin/artikel/neu", "form#editor",
            EditorSource.Form("---\ntitle: Im Editor\n---\n\nText.\n", new() { ["Fields.Tags"] = "Cologne" }), "Veröffentlichen");

        var (removed, _) = await editor.SubmitAsync(EditPath(koeln.Id), "form#remove-alias-0");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty((await TagSite.TagAsync(site, "Köln")).Aliases);
        Assert.Equal(["Köln"], await TagSite.TagsOnPageAsync(site, "im-editor"));
        Assert.Equal("Köln", await EditorTagsFieldAsync(editor, "Im Editor"));
    }

    /// <summary>Each refused form: its path's form, what is typed, the input whose error it is and the German reason.</summary>
    public static TheoryData<string, string, string, string, string> BadInput => new()
    {
        { "rename-tag", "name", "", "name", "Bitte einen Namen angeben, z. B. „Köln“." },
        { "rename-tag", "name", "?!", "name", "„?!“ ergibt keine Adresse. Bitte mindestens einen Buchstaben oder eine Ziffer verwenden." },
        { "rename-tag", "name", new string('x', 51), "name", "Der Name ist zu lang (51 Zeichen, höchstens 50)." },
        { "rename-tag", "name", "Köln, Bonn", "name", "Ein Schlagwort darf kein Komma enthalten: Im Editor trennt das Komma die Schlagwörter." },
        { "merge-tag", "into", "Koeln", "into", "Ein Schlagwort lässt sich nicht mit sich selbst zusammenführen. Bitte ein anderes wählen." },
        { "merge-tag", "into", "Gibt es nicht", "into", "Ein Schlagwort „Gibt es nicht“ gibt es nicht. Bitte einen vorhandenen Namen wählen; die Liste schlägt beim Tippen vor." },
        { "merge-tag", "into", " ", "into", "Bitte das Schlagwort angeben, in das „Koeln“ eingeordnet werden soll." },
        { "add-alias", "alias", "", "alias", "Bitte einen Namen angeben, z. B. „Köln“." },
        { "add-alias", "alias", "Köln", "alias", "„Köln“ ist ein eigenes Schlagwort (2 Artikel). Bitte „Köln“ mit „Koeln“ zusammenführen: Dann wird es von selbst eine Variante." },
        { "add-alias", "alias", "KOELN", "alias", "„KOELN“ ist schon der Name dieses Schlagworts; Groß- und Kleinschreibung zählen nicht." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task BadInput_Answers422_WithTheGermanReasonBesideItsField_AndSavesNothing(string form, string field, string value, string input, string reason)
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Koeln");
        var before = await TagSite.AllAsync(site);

        var (response, page) = await editor.SubmitAsync(EditPath(koeln.Id), $"form#{form}", new() { [field] = value });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(reason, page.QuerySelector($"#{input}-error")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector($"#{input}")!.GetAttribute("aria-invalid"));
        Assert.Contains($"{input}-error", page.QuerySelector($"#{input}")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal(before, await TagSite.AllAsync(site), new SummaryComparer());
        Assert.Equal(["Kirche", "Koeln"], (await TagSite.TagsOnPageAsync(site, "dom")).Order());
        Assert.Equal("Koeln, Kirche", await EditorTagsFieldAsync(editor, "Dom"));
    }

    [Fact]
    public async Task AMergeFromTheReport_OfATagThatIsGone_Answers422InGerman()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Köln");
        var transliterated = await TagSite.TagAsync(site, "Koeln");
        var (_, list) = await editor.GetAsync("/admin/schlagwoerter");
        await editor.SubmitAsync(EditPath(transliterated.Id), "form#merge-tag", new() { ["into"] = "Köln" });

        // The report as it was loaded before the other merge.
        var (response, page) = await editor.SubmitAsync(list, "/admin/schlagwoerter", "form#" + TagListModel.MergeFormId(transliterated.Id, koeln.Id));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("Dieses Schlagwort gibt es nicht (mehr)", page.QuerySelector("#merge-error")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownTagsPage_IsNotFound_AndAPostWithoutAntiforgeryTokenChangesNothing()
    {
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Koeln");

        var (unknown, _) = await editor.GetAsync(EditPath(999));
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Gefälscht" });
        var post = await editor.Http.PostAsync(new Uri(EditPath(koeln.Id) + "?handler=Rename", UriKind.Relative), forged, Token);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal("Koeln", (await TagSite.TagAsync(site, "Koeln")).Name);
    }

    [Fact]
    public async Task Anonymous_IsSentToTheLogin()
    {
        await using var site = TagSite.Create();

        var list = await site.SendAsync("/admin/schlagwoerter");
        var tag = await site.SendAsync(EditPath((await TagSite.TagAsync(site, "Koeln")).Id));

        Assert.All(new[] { list, tag }, r =>
        {
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.StartsWith("/admin/anmelden?returnUrl=%2Fadmin%2Fschlagwoerter", r.Headers.Location!.OriginalString, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task TheTagAdminPages_WithAndWithoutErrors_PassTheNuHtmlChecker()
    {
        Assert.True(File.Exists(Pages.HtmlValidationTests.VnuJar), $"vnu.jar fehlt unter {Pages.HtmlValidationTests.VnuJar} (siehe HtmlValidationTests).");
        await using var site = TagSite.Create();
        using var editor = await AdminClient.LoginAsync(site);
        var koeln = await TagSite.TagAsync(site, "Koeln");
        await editor.SubmitAsync(EditPath(koeln.Id), "form#add-alias", new() { ["alias"] = "Kölle" });
        var folder = Repository.NewTempDirectory();
        var pages = new List<(string Name, string Html)>
        {
            ("list", await (await editor.Http.GetAsync(new Uri(TagListModel.Path + "?sortierung=alle", UriKind.Relative), Token)).Content.ReadAsStringAsync(Token)),
            ("tag", (await editor.GetAsync(EditPath(koeln.Id))).Document.DocumentElement.OuterHtml),
            ("refused", (await editor.SubmitAsync(EditPath(koeln.Id), "form#rename-tag", new() { ["name"] = "Köln" })).Document.DocumentElement.OuterHtml),
        };
        var files = new List<string>();
        foreach (var (name, html) in pages)
        {
            var file = Path.Combine(folder, name + ".html");
            await File.WriteAllTextAsync(file, html.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) ? html : "<!DOCTYPE html>" + html, Token);
            files.Add(file);
        }

        var start = new System.Diagnostics.ProcessStartInfo("java") { ArgumentList = { "-jar", Pages.HtmlValidationTests.VnuJar, "--errors-only", "--format", "gnu" } };
        files.ForEach(start.ArgumentList.Add);
        var (exitCode, output, errors) = await AppProcess.RunAsync(start, TimeSpan.FromMinutes(3));

        Assert.True(exitCode == 0 && (output + errors).Trim().Length == 0, $"vnu (exit {exitCode}):\n{output}{errors}");
    }

    private sealed class SummaryComparer : IEqualityComparer<Core.Tags.TagSummary>
    {
        public bool Equals(Core.Tags.TagSummary? x, Core.Tags.TagSummary? y) =>
            (x?.Id, x?.Name, x?.Slug, x?.Articles) == (y?.Id, y?.Name, y?.Slug, y?.Articles) && (x?.Aliases ?? []).SequenceEqual(y?.Aliases ?? []);

        public int GetHashCode(Core.Tags.TagSummary obj) => obj.Id.GetHashCode();
    }
}
