using NewsSite.Core.Editing;
using System.Net;
using System.Text;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Admin;

/// <summary>The edit form against the site's limits: the file size the export and import hold to, and the years a date may have.</summary>
public class EditLimitTests
{
    private const string Form = "form#editor";

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static NewsSiteFactory Site() => new(NewsSiteFactory.ContentFolder(), clock: new TestClock(Now));

    private static string Source(string title, string body) => $"---\ntitle: \"{title}\"\nauthor: Erika Muster\n---\n\nErster Absatz.\n\n{body}\n";

    private static async Task<int> ArticleCountAsync(AdminClient editor)
    {
        var (_, list) = await editor.GetAsync("/admin?status=");
        return list.QuerySelectorAll(".admin-table tbody tr").Length;
    }

    [Fact]
    public async Task AnArticleUnderTheCharacterLimit_ButOver1MBOfUtf8_IsRefusedBesideTheText_AndNothingIsSaved()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        // 600,000 Cyrillic letters: well under the renderer's 1,000,000 characters, but 1.2 MB of UTF-8, which the
        // export would write and the import then refuse.
        var body = string.Concat(Enumerable.Repeat("Привет ", 600_000 / 7));
        var source = Source("Zu groß", body);
        Assert.True(source.Length < 1_000_000 && Encoding.UTF8.GetByteCount(source) > 1024 * 1024);

        var (response, page) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(source), "Veröffentlichen");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = page.QuerySelector("#body-error")!;
        Assert.Contains("Der Artikel ist zu groß", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("erlaubt sind 1.048.576 (1 MB)", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#body")!.GetAttribute("aria-invalid"));
        Assert.Contains("body-error", page.QuerySelector("#body")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.Equal(EditorForm.FromSource(source).Body.Trim(), page.QuerySelector("#body")!.TextContent.Trim());
        Assert.Equal(0, await ArticleCountAsync(editor));
    }

    [Theory]
    [InlineData("0001-01-01T00:30")]
    [InlineData("1899-12-31T23:00")]
    [InlineData("2101-01-01T00:00")]
    public async Task ADateOutsideTheYearsAllowed_InTheDateField_IsRefusedBesideIt_NotA500(string date)
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(Source("Uralt", "Text."), new()
        {
            ["Fields.Date"] = date,
        }), "Veröffentlichen");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"„{date}“ liegt außerhalb des erlaubten Zeitraums: Erlaubt sind Daten in den Jahren 1900 bis 2100",
            page.QuerySelector("#date-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#body-error"));
        Assert.Equal(0, await ArticleCountAsync(editor));
    }

    [Fact]
    public async Task AYearOneDate_InTheDateField_IsRefusedBesideIt_NotA500()
    {
        await using var site = Site();
        using var editor = await AdminClient.LoginAsync(site);

        var (response, page) = await editor.SubmitAsync("/admin/artikel/neu", Form, new() { ["Fields.Title"] = "Uralt", ["Fields.Date"] = "0001-01-01T00:30", ["Body"] = "Text." }, "Vorschau");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("„0001-01-01T00:30“ liegt außerhalb des erlaubten Zeitraums",
            page.QuerySelector("#date-error")!.TextContent, StringComparison.Ordinal);
    }
}
