using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsSite.Web.Tests.Support;

namespace NewsSite.Web.Tests.Pictures;

/// <summary>Pictures through the admin: the edit page's picture upload, Markdown uploads and zips, and the import command.</summary>
public class PictureUploadTests
{
    private const string EditForm = "form#editor";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> CreateAsync(AdminClient editor)
    {
        var (saved, _) = await editor.SubmitAsync("/admin/artikel/neu", EditForm,
            EditorSource.Form("---\ntitle: \"Mit Bild\"\ntags: [Test]\n---\n\nText.\n"), "Veröffentlichen");
        return saved.Headers.Location!.OriginalString;
    }

    private static Task<(HttpResponseMessage Response, IDocument Page)> UploadPictureAsync(AdminClient editor, string editUrl, string name, byte[] bytes) =>
        editor.SubmitAsync(editUrl, EditForm, button: "Bild hochladen", files: new() { ["image"] = [new FormFile(name, bytes, "image/jpeg")] });

    private static Task<(HttpResponseMessage Response, IDocument Page)> UploadFilesAsync(AdminClient editor, params FormFile[] files) =>
        editor.SubmitAsync("/admin/hochladen", "form[enctype='multipart/form-data']", button: "Veröffentlichen", files: new() { ["files"] = files });

    [Fact]
    public async Task PhotoWithGpsPosition_IsServedWithoutAnyMetadata_AndTurnedUpright()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor);
        var photo = TestPictures.JpegWithGps(64, 48);
        Assert.Contains("exif-ifd3-GPSLatitude", TestPictures.MetadataFields(photo)); // the test photo does carry a position

        var (response, page) = await UploadPictureAsync(editor, editUrl, "urlaub.jpg", photo);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var snippet = page.QuerySelector<IHtmlInputElement>("#image-markdown")!.Value;
        var url = snippet[(snippet.IndexOf('(', StringComparison.Ordinal) + 1)..^1];
        using var client = site.CreateClient();
        var served = await client.GetAsync(new Uri(url, UriKind.Relative), Token);
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync(Token);
        Assert.Empty(TestPictures.MetadataFields(bytes));
        Assert.True(bytes.AsSpan().IndexOf("Testkamera"u8) < 0); // not even as stray bytes
        Assert.True(bytes.AsSpan().IndexOf("Exif"u8) < 0);
        Assert.Equal((48, 64), TestPictures.Size(bytes)); // orientation 6 applied, then dropped
        Assert.Equal(1, await TestPictures.PictureRowsAsync(site));
    }

    public static TheoryData<string, byte[], string> Refused() => new()
    {
        { "bombe.png", TestPictures.PngBomb(), "zu viele Bildpunkte" },
        { "text.png", Encoding.UTF8.GetBytes("Das ist nur Text, kein Bild.\n"), "kein Bild im Format PNG, JPEG, WebP oder GIF" },
        { "grafik.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"10\" height=\"10\"/></svg>"), "SVG wird nicht angenommen" },
        { "kaputt.jpg", TestPictures.Jpeg(200, 100)[..600], "beschädigt oder unvollständig" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task BombsTextAndSvg_AreRefusedInGerman_AndNothingIsSaved(string name, byte[] bytes, string message)
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        var editUrl = await CreateAsync(editor);

        var (response, page) = await UploadPictureAsync(editor, editUrl, name, bytes);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("#edit-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, TestPictures.StoredFiles(site));
        Assert.Equal(0, await TestPictures.PictureRowsAsync(site));
    }

    [Fact]
    public async Task AZipWithMarkdownAndPictures_ImportsBoth_AndThePageShowsThem()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(bytes);
            }

            Add("bericht/text.md", Encoding.UTF8.GetBytes(
                "---\ntitle: \"Hafenfest im Regen\"\ndate: 2025-05-30T09:00\ntags: [Hamburg]\nimage: fotos/hafen.jpg\nimage-alt: \"Boote im Hafen\"\n" +
                "image-credit: \"Max Mustermann\"\n---\n\nEs regnete.\n\n![Ein Schirm](fotos/schirm.png \"Viele Schirme\")\n\n![Fehlt](fotos/fehlt.jpg)\n"));
            Add("bericht/fotos/hafen.jpg", TestPictures.Jpeg(1300, 800));
            Add("bericht/fotos/schirm.png", TestPictures.Jpeg(300, 200)); // a JPEG named .png: the content decides
            Add("bericht/fotos/uebrig.jpg", TestPictures.Jpeg(50, 50));
        }

        var (response, page) = await UploadFilesAsync(editor, new FormFile("paket.zip", zip.ToArray(), "application/zip"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = page.QuerySelectorAll(".result").ToDictionary(r => r.QuerySelector(".result__file")!.TextContent, r => r);
        Assert.Contains("veröffentlicht", lines["paket.zip/bericht/text.md"].TextContent, StringComparison.Ordinal);
        Assert.Contains("mit dem Artikel übernommen", lines["paket.zip/bericht/fotos/hafen.jpg"].TextContent, StringComparison.Ordinal);
        Assert.Contains("mit dem Artikel übernommen", lines["paket.zip/bericht/fotos/schirm.png"].TextContent, StringComparison.Ordinal);
        Assert.Contains("übersprungen", lines["paket.zip/bericht/fotos/uebrig.jpg"].TextContent, StringComparison.Ordinal);
        var warning = Assert.Single(lines["paket.zip/bericht/text.md"].QuerySelectorAll(".result__warning"));
        Assert.Contains("„fotos/fehlt.jpg“", warning.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, TestPictures.StoredFiles(site));

        var (_, article) = await site.GetPageAsync("/artikel/hafenfest-im-regen");
        var lead = article.QuerySelector("figure.lead-figure img")!;
        Assert.Equal(("Boote im Hafen", "1300", "800"), (lead.GetAttribute("alt"), lead.GetAttribute("width"), lead.GetAttribute("height")));
        Assert.Equal("Foto: Max Mustermann", article.QuerySelector("figure.lead-figure .figure__credit")!.TextContent);
        Assert.Equal("Viele Schirme", article.QuerySelector(".article__body figure figcaption")!.TextContent);
        Assert.Matches(@"^/bilder/[0-9a-f]{32}-300\.jpg$", article.QuerySelector(".article__body figure img")!.GetAttribute("src"));
        Assert.Contains("Fehlt", article.QuerySelector(".article__body")!.TextContent, StringComparison.Ordinal); // alt text, not a broken image
        Assert.Equal(2, article.QuerySelectorAll("main img").Length);
    }

    [Fact]
    public async Task AMissingPicture_IsAWarningInTheUploadReport_AndTheArticleIsStoredWithout()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);

        var (_, page) = await UploadFilesAsync(editor, new FormFile("einzeln.md", Encoding.UTF8.GetBytes(
            "---\ntitle: \"Ohne sein Bild\"\ndate: 2025-05-30T09:00\nimage: bilder/rathaus.jpg\nimage-alt: \"Das Rathaus\"\n---\n\nText.\n")));

        var result = page.QuerySelector(".result--published")!;
        var warning = Assert.Single(result.QuerySelectorAll(".result__warning"));
        Assert.Contains("Feld „image“", warning.TextContent, StringComparison.Ordinal);
        Assert.Contains("„bilder/rathaus.jpg“ gibt es nicht", warning.TextContent, StringComparison.Ordinal);
        var (_, article) = await site.GetPageAsync("/artikel/ohne-sein-bild");
        Assert.Null(article.QuerySelector("figure.lead-figure"));
    }

    [Fact]
    public async Task AltTextIsRequired_WithALeadPicture_NamingTheField()
    {
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());
        using var editor = await AdminClient.LoginAsync(site);

        var (_, page) = await UploadFilesAsync(editor, new FormFile("ohne-alt.md", Encoding.UTF8.GetBytes(
            "---\ntitle: \"Kein Alternativtext\"\nimage: /bilder/00000000000000000000000000000000.jpg\n---\n\nText.\n")));

        var reason = page.QuerySelector(".result--rejected .result__reason")!.TextContent;
        Assert.Contains("Feld „image-alt“", reason, StringComparison.Ordinal);
        Assert.Contains("Alternativtext", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportCommand_ReportsAMissingPicture_AndTakesThePictureBesideTheFile()
    {
        var content = TestPictures.ContentFolder(
            [("a.md", "---\ntitle: \"Mit Foto\"\ndate: 2025-05-30T09:00\nimage: bilder/da.jpg\nimage-alt: \"Ein Foto\"\n---\n\n![Weg](bilder/weg.jpg)\n")],
            ("bilder/da.jpg", TestPictures.Jpeg(640, 480)));
        await using var site = new NewsSiteFactory(NewsSiteFactory.ContentFolder());

        var (code, output) = await OperatorCommands.RunAsync(site.Services, "", "import", content);

        Assert.Equal(0, code);
        Assert.Contains("WARNUNG    a.md: Das Bild „bilder/weg.jpg“ im Text gibt es nicht", output, StringComparison.Ordinal);
        var (_, article) = await site.GetPageAsync("/artikel/mit-foto");
        Assert.Equal("640", article.QuerySelector("figure.lead-figure img")!.GetAttribute("width"));
    }
}
