using System.Net;
using System.Text;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>
/// A right-to-left override in a title would turn the page's &lt;title&gt;, headings and teasers around it
/// ("Rechnung U+202E gpj.exe" reads "Rechnung exe.jpg"). Uploads and the editor refuse it with a German reason, and
/// nothing is stored. The search's own case is SearchInputTests.BidiControls_NeverReachTheHtml.
/// </summary>
public class DirectionControlTests
{
    [Fact]
    public async Task AnUploadedNameWithADirectionOverride_IsRefused_AndTheOtherFilesGoIn()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await editor.SubmitAsync("/admin/hochladen", "form[enctype='multipart/form-data']", button: "Veröffentlichen",
            files: new()
            {
                ["files"] =
                [
                    new FormFile("a.md", Encoding.UTF8.GetBytes("---\ntitle: \"Rechnung \u202Egpj.exe\"\n---\n\nText.\n")),
                    new FormFile("b.md", Encoding.UTF8.GetBytes("---\ntitle: Gut\ntags: [\"Bonn\u2067\"]\n---\n\nText.\n")),
                    new FormFile("c.md", Encoding.UTF8.GetBytes("---\ntitle: Sauber\n---\n\nText.\n")),
                ],
            });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reasons = page.QuerySelectorAll(".result--rejected .result__reason").Select(r => r.TextContent).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Contains("U+202E", reasons[0], StringComparison.Ordinal);
        Assert.Contains("„title“", reasons[0], StringComparison.Ordinal);
        Assert.Contains("U+2067", reasons[1], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await site.GetPageAsync("/artikel/rechnung-gpj-exe")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/sauber")).Response.StatusCode);
    }

    [Fact]
    public async Task TheEditorForm_RefusesATitleWithADirectionOverride_AndKeepsTheText()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await editor.SubmitAsync("/admin/artikel/neu", "form#editor",
            new() { ["Fields.Title"] = "Rechnung \u202Egpj.exe", ["Body"] = "Mein Text." }, "Veröffentlichen");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("U+202E", page.QuerySelector("#title-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Mein Text.", page.QuerySelector("#body")!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await site.GetPageAsync("/")).Document.QuerySelectorAll(".teaser"));
    }
}
