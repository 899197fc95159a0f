using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Commands;

/// <summary>
/// The largest article the editor may save, in a script of two bytes a letter, goes out through export and back in
/// through import whole: the form, the export and the import hold to one limit, measured one way.
/// </summary>
public class ExportLimitRoundTripTests
{
    private const string Form = "form#editor";

    private static readonly DateTimeOffset Now = new(2025, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Source(int words, int padding) =>
        "---\ntitle: \"Größter Artikel\"\nauthor: Erika Muster\ntags: [Osteuropa]\n---\n\nErster Absatz.\n\n"
        + string.Concat(Enumerable.Repeat("слово ", words)) + new string('x', padding) + "\n";

    [Fact]
    public async Task TheLargestArticleTheEditorMaySave_InCyrillic_IsExportedAndImportedAgainWhole()
    {
        await using var original = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), clock: new TestClock(Now));
        var limit = original.Services.GetRequiredService<ArticleFileLimit>();
        Assert.Equal(1024 * 1024, limit.MaxBytes);

        // The measure grows by 11 bytes a word ("слово " is 5 two-byte letters and a space) and 1 a padding letter:
        // from a small article, the number of each that reaches the limit exactly.
        long Measure(string source)
        {
            var form = EditorForm.FromSource(source);
            var (_, content) = original.Services.GetRequiredService<ArticleDraft>().Compose(null, form.Fields, form.Body, PublishIntent.Publish, Now);
            return limit.Measure(content);
        }

        // Measured from one word and one padding letter rather than none: the form trims the text's end, so the first
        // of them also brings back the blank line before it, and a last word without padding loses its space.
        var room = limit.MaxBytes - (Measure(Source(1, 1)) - 12);
        var (words, padding) = ((int)(room / 11), (int)(room % 11));
        if (padding == 0)
        {
            (words, padding) = (words - 1, 11);
        }

        var largest = Source(words, padding);
        Assert.Equal(limit.MaxBytes, Measure(largest));
        Assert.True(largest.Length < NewsSite.Core.Markdown.MarkdownRenderer.MaxLength);

        using var editor = await AdminClient.LoginAsync(original);
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(largest), "Veröffentlichen");
        var (oneMore, refusedPage) = await editor.SubmitAsync("/admin/artikel/neu", Form, EditorSource.Form(Source(words, padding + 1)), "Veröffentlichen");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, oneMore.StatusCode);
        Assert.Contains($"hätte er bis zu 1.048.577 Bytes, erlaubt sind 1.048.576", refusedPage.QuerySelector("#body-error")!.TextContent, StringComparison.Ordinal);

        var export = Path.Combine(Repository.NewTempDirectory(), "export");
        var (exportCode, exportOutput) = await OperatorCommands.RunAsync(original.Services, new[] { "export", export });
        Assert.True(exportCode == 0, exportOutput);
        var file = Assert.Single(Directory.GetFiles(export, "*.md"));
        Assert.InRange(new FileInfo(file).Length, limit.MaxBytes - 2048, limit.MaxBytes);

        await using var copy = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), clock: new TestClock(Now));
        var (importCode, importOutput) = await OperatorCommands.RunAsync(copy.Services, new[] { "import", export });
        Assert.True(importCode == 0, importOutput);
        Assert.Contains("→ /artikel/groesster-artikel", importOutput, StringComparison.Ordinal);
        Assert.Contains(" 0 fehlgeschlagen", importOutput, StringComparison.Ordinal);

        var (_, before) = await original.GetPageAsync("/artikel/groesster-artikel");
        var (_, after) = await copy.GetPageAsync("/artikel/groesster-artikel");
        var body = after.QuerySelector(".article__body")!.TextContent;
        Assert.Equal(before.QuerySelector("main article")!.OuterHtml, after.QuerySelector("main article")!.OuterHtml);
        Assert.EndsWith("слово " + new string('x', padding), body.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(words, body.Split("слово").Length - 1);
        Assert.True(Encoding.UTF8.GetByteCount(body) > 1_000_000);
    }
}
