using NewsSite.Core.Images;
using NewsSite.Core.Markdown;
using NewsSite.Core.SitePages;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>
/// The picture records and the picture library (what Images/PictureLibraryStoreTests checks on SQLite alone): search
/// that ignores the case of umlauts, refused details, and which uses keep a picture from being deleted.
/// </summary>
public abstract class PictureLibraryContract : StoreContract
{
    private static byte[] Gif(int width)
    {
        using var image = NetVips.Image.Black(width, 2);
        return image.GifsaveBuffer();
    }

    [Fact]
    public async Task Search_FindsByCaptionCreditAndName_IgnoringCaseOfUmlauts()
    {
        await using var s = await CreateStorageAsync();
        using var folder = new Folder();
        var store = new ImageStore(folder.Images, 1024 * 1024, records: s.Storage.Pictures);
        await store.SaveAsync(Gif(3), new PictureAbout("Der Dom", "KÖLN bei Nacht", "Foto: Anna Ärger", "dom.gif", "anna"), Token);
        s.Clock.Now = s.Now.AddMinutes(1);
        await store.SaveAsync(Gif(4), new PictureAbout(OriginalName: "hafen-hamburg.gif"), Token);

        var library = s.Storage.PictureLibrary;
        Assert.Equal(["KÖLN bei Nacht"], (await library.SearchAsync("köln", 1, 10, Token)).Items.Select(p => p.Caption));
        Assert.Equal(["dom.gif"], (await library.SearchAsync("ärger", 1, 10, Token)).Items.Select(p => p.OriginalName));
        Assert.Equal(["hafen-hamburg.gif"], (await library.SearchAsync("HAFEN", 1, 10, Token)).Items.Select(p => p.OriginalName));
        Assert.Empty((await library.SearchAsync("50%", 1, 10, Token)).Items);
        var first = await library.SearchAsync(null, 1, 1, Token);
        Assert.Equal("hafen-hamburg.gif", Assert.Single(first.Items).OriginalName); // newest first
        Assert.True(first.HasMore);
        var second = await library.SearchAsync(null, 2, 1, Token);
        Assert.Equal("dom.gif", Assert.Single(second.Items).OriginalName);
        Assert.False(second.HasMore);
    }

    [Fact]
    public async Task Record_OfAPictureUploadedAgain_KeepsItsWordsAndFillsOnlyEmptyOnes()
    {
        await using var s = await CreateStorageAsync();
        using var folder = new Folder();
        var store = new ImageStore(folder.Images, 1024 * 1024, records: s.Storage.Pictures);
        var saved = await store.SaveAsync(Gif(3), new PictureAbout("Der Dom", OriginalName: "dom.gif"), Token);
        await store.SaveAsync(Gif(3), new PictureAbout("Anderer Text", "Bei Nacht", "Foto: Ben", "dom-2.gif", "ben"), Token);

        var picture = await s.Storage.PictureLibrary.FindAsync(saved.FileName, Token);

        Assert.NotNull(picture);
        Assert.Equal(("Der Dom", "Bei Nacht", "Foto: Ben", "dom.gif", "ben"),
            (picture.Alt, picture.Caption, picture.Credit, picture.OriginalName, picture.UploadedBy));
        Assert.Equal((3, 2, s.Now), (picture.Width, picture.Height, picture.CreatedAt));
        Assert.Null(await s.Storage.PictureLibrary.FindAsync("0123456789abcdef0123456789abcdef.gif", Token));
    }

    [Fact]
    public async Task TooLongAlt_IsRefusedAndNothingSaved()
    {
        await using var s = await CreateStorageAsync();
        using var folder = new Folder();
        var store = new ImageStore(folder.Images, 1024 * 1024, records: s.Storage.Pictures);
        var saved = await store.SaveAsync(Gif(3), new PictureAbout("Alt"), Token);

        var problems = await s.Storage.PictureLibrary.UpdateDetailsAsync(saved.FileName, new PictureDetails(new string('a', 301), "Neu", ""), Token);

        Assert.Equal("alt", Assert.Single(problems).Field);
        var picture = await s.Storage.PictureLibrary.FindAsync(saved.FileName, Token);
        Assert.Equal(("Alt", ""), (picture!.Alt, picture.Caption));
        Assert.Empty(await s.Storage.PictureLibrary.UpdateDetailsAsync(saved.FileName, new PictureDetails("Neu", "Bildtext", "Foto: Ben"), Token));
        picture = await s.Storage.PictureLibrary.FindAsync(saved.FileName, Token);
        Assert.Equal(("Neu", "Bildtext", "Foto: Ben"), (picture!.Alt, picture.Caption, picture.Credit));
    }

    [Fact]
    public async Task UsedPicture_IsNotDeleted_UnusedOneGoesWithItsFiles()
    {
        await using var s = await CreateStorageAsync();
        using var folder = new Folder();
        var store = new ImageStore(folder.Images, 1024 * 1024, records: s.Storage.Pictures);
        var used = await store.SaveAsync(Gif(3), new PictureAbout(), Token);
        var unused = await store.SaveAsync(Gif(5), new PictureAbout(), Token);
        Directory.CreateDirectory(folder.Variants);
        await File.WriteAllBytesAsync(Path.Combine(folder.Variants, unused.FileName[..32] + "-480.webp"), [1], Token);
        await s.ImportAsync("mit-bild.md", Article("Mit Bild", body: $"![Dom](/bilder/{used.FileName})"));

        var refused = await s.Storage.PictureLibrary.DeleteAsync(used.FileName, folder.Images, folder.Variants, Token);
        var deleted = await s.Storage.PictureLibrary.DeleteAsync(unused.FileName, folder.Images, folder.Variants, Token);

        Assert.False(refused.Deleted);
        Assert.Equal("Mit Bild", Assert.Single(refused.UsedBy).Title);
        Assert.True(File.Exists(Path.Combine(folder.Images, used.FileName)));
        Assert.True(deleted.Deleted);
        Assert.False(File.Exists(Path.Combine(folder.Images, unused.FileName)));
        Assert.Empty(Directory.GetFiles(folder.Variants));
        Assert.Null(await s.Storage.PictureLibrary.FindAsync(unused.FileName, Token));
    }

    [Fact]
    public async Task Usage_NamesArticlesWithItAsLeadPictureOrInTheirText_AndFixedPages()
    {
        await using var s = await CreateStorageAsync();
        using var folder = new Folder();
        var store = new ImageStore(folder.Images, 1024 * 1024, records: s.Storage.Pictures);
        var picture = await store.SaveAsync(Gif(3), new PictureAbout(), Token);
        var lead = StorageUnderTest.Parse(Article("Aufmacher", draft: true)) with
        {
            LeadPicture = new LeadPicture(picture.FileName, 3, 2, "Der Dom", null, null),
        };
        var withLead = await s.Storage.Articles.CreateAsync(lead, StorageUnderTest.Editor("anna"), Token);
        var inText = await s.ImportAsync("im-text.md", Article("Im Text", body: $"![Dom](/bilder/{picture.FileName})"));
        await s.ImportAsync("ohne.md", Article("Ohne Bild"));
        var pages = new SitePageParser(new MarkdownRenderer());
        await s.Storage.SitePages.SaveAsync(pages.Prepare("impressum", "Impressum", $"![Dom](/bilder/{picture.FileName})"), "anna", cancellationToken: Token);

        var usage = await s.Storage.PictureLibrary.UsageAsync(picture.FileName, Token);

        Assert.Equal(
            [
                new PictureUse(withLead.ArticleId, null, "Aufmacher", "Entwurf"),
                new PictureUse(inText.ArticleId, null, "Im Text", "veröffentlicht"),
                new PictureUse(null, "impressum", "Impressum", "feste Seite"),
            ],
            usage);
    }

    /// <summary>The upload folder and the variants folder of one test, deleted afterwards.</summary>
    private sealed class Folder : IDisposable
    {
        private readonly string _root = TestDatabase.NewDirectory();

        public string Images => Path.Combine(_root, "images");

        public string Variants => Path.Combine(_root, "variants");

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
