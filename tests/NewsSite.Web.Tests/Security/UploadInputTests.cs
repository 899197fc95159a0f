using System.IO.Compression;
using System.Net;
using System.Text;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Security;

/// <summary>Hostile names inside an uploaded zip. The other upload cases are in Admin/UploadTests and Core's ArticleUploaderTests.</summary>
public class UploadInputTests
{
    /// <summary>
    /// A zip's entries are read into memory and stored as articles, never unpacked to disk: a name that climbs out of
    /// a folder writes no file anywhere, and a name full of markup is shown as text in the result list.
    /// </summary>
    [Fact]
    public async Task ZipEntryNames_ThatClimbOutOrCarryMarkup_WriteNoFile_AndAreShownAsText()
    {
        var outside = Repository.NewTempDirectory();
        var data = Path.Combine(outside, "daten");
        Directory.CreateDirectory(data);
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder(), dataDirectory: data);
        using var editor = await AdminClient.LoginAsync(site);
        const string markupName = "<img src=x onerror=alert(1)>.md";
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, title) in new[] { ("../../ausbruch.md", "Ausbruch"), ("/absolut.md", "Absolut"), (markupName, "Markup") })
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write($"---\ntitle: {title}\n---\n\nText.\n");
            }
        }

        var (response, page) = await editor.SubmitAsync("/admin/hochladen", "form[enctype='multipart/form-data']", button: "Veröffentlichen",
            files: new() { ["files"] = [new FormFile("paket.zip", zip.ToArray(), "application/zip")] });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var files = page.QuerySelectorAll(".result__file").Select(f => f.TextContent).ToList();
        Assert.Contains("paket.zip/../../ausbruch.md", files);
        Assert.Contains("paket.zip/" + markupName, files);
        Assert.Empty(page.QuerySelectorAll("main img"));
        Assert.Empty(Directory.EnumerateFiles(outside, "*.md", SearchOption.AllDirectories));
        Assert.Equal(HttpStatusCode.OK, (await site.GetPageAsync("/artikel/ausbruch")).Response.StatusCode);
    }
}
