using NetVips;
using NewsSite.Core.Images;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Images;

public class PictureReferencesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static byte[] Jpeg()
    {
        using var image = (Image.Black(40, 30, bands: 3) + 90).Cast(Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer();
    }

    [Fact]
    public async Task RelativePictures_AreStored_AndTheirReferencesReplacedByTheSiteAddress()
    {
        var store = new ImageStore(TestDatabase.NewDirectory(), 1024 * 1024);
        var files = new Dictionary<string, byte[]> { ["artikel/bilder/a.jpg"] = Jpeg() };
        const string text = "---\ntitle: T\nimage: bilder/a.jpg\nimage-alt: A\n---\n\nVorher ![Alt](bilder/a.jpg \"Titel\") und ![Fehlt](bilder/fehlt.png).\n\n![Weg](../../ausserhalb.jpg)\n";

        var resolved = await PictureReferences.ResolveAsync("artikel/x.md", text, "artikel/x.md",
            (path, _) => Task.FromResult(files.GetValueOrDefault(path)), store, Token);

        var stored = Assert.Single(Directory.GetFiles(store.Folder));
        var url = "/bilder/" + Path.GetFileName(stored);
        Assert.Contains($"image: {url}\n", resolved.Text, StringComparison.Ordinal);
        Assert.Contains($"![Alt]({url} \"Titel\")", resolved.Text, StringComparison.Ordinal);
        Assert.Contains("![Fehlt](bilder/fehlt.png)", resolved.Text, StringComparison.Ordinal);
        Assert.Contains("![Weg](../../ausserhalb.jpg)", resolved.Text, StringComparison.Ordinal);
        Assert.Empty(resolved.Warnings);
    }

    [Fact]
    public void RelativeTo_StaysInsideTheRoot()
    {
        Assert.Equal("a/bilder/x.jpg", PictureReferences.RelativeTo("a/b.md", "bilder/x.jpg"));
        Assert.Equal("x.jpg", PictureReferences.RelativeTo("a/b.md", "../x.jpg"));
        Assert.Null(PictureReferences.RelativeTo("a/b.md", "../../x.jpg"));
    }
}
