using NewsSite.Core.Images;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Images;

public class PictureLibraryStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static byte[] Gif(int width)
    {
        using var image = NetVips.Image.Black(width, 2);
        return image.GifsaveBuffer();
    }

    [Fact]
    public async Task Search_FindsByCaptionCreditAndName_IgnoringCaseOfUmlauts()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new ImageStore(Path.Combine(db.Directory, "images"), 1024 * 1024, records: db.Storage.Pictures);
        await store.SaveAsync(Gif(3), new PictureAbout("Der Dom", "KÖLN bei Nacht", "Foto: Anna Ärger", "dom.gif", "anna"), Token);
        await store.SaveAsync(Gif(4), new PictureAbout(OriginalName: "hafen-hamburg.gif"), Token);

        var library = db.Storage.PictureLibrary;
        Assert.Equal(["KÖLN bei Nacht"], (await library.SearchAsync("köln", 1, 10, Token)).Items.Select(p => p.Caption));
        Assert.Equal(["dom.gif"], (await library.SearchAsync("ärger", 1, 10, Token)).Items.Select(p => p.OriginalName));
        Assert.Equal(["hafen-hamburg.gif"], (await library.SearchAsync("HAFEN", 1, 10, Token)).Items.Select(p => p.OriginalName));
        var all = await library.SearchAsync(null, 1, 1, Token);
        Assert.Single(all.Items);
        Assert.True(all.HasMore);
    }

    [Fact]
    public async Task TooLongAlt_IsRefusedAndNothingSaved()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new ImageStore(Path.Combine(db.Directory, "images"), 1024 * 1024, records: db.Storage.Pictures);
        var saved = await store.SaveAsync(Gif(3), new PictureAbout("Alt"), Token);

        var problems = await db.Storage.PictureLibrary.UpdateDetailsAsync(saved.FileName, new PictureDetails(new string('a', 301), "Neu", ""), Token);

        Assert.Equal("alt", Assert.Single(problems).Field);
        var picture = await db.Storage.PictureLibrary.FindAsync(saved.FileName, Token);
        Assert.Equal(("Alt", ""), (picture!.Alt, picture.Caption));
    }

    [Fact]
    public async Task UsedPicture_IsNotDeleted_UnusedOneGoesWithItsFiles()
    {
        await using var db = await TestDatabase.CreateAsync();
        var images = Path.Combine(db.Directory, "images");
        var variants = Path.Combine(db.Directory, "variants");
        var store = new ImageStore(images, 1024 * 1024, records: db.Storage.Pictures);
        var used = await store.SaveAsync(Gif(3), new PictureAbout(), Token);
        var unused = await store.SaveAsync(Gif(5), new PictureAbout(), Token);
        Directory.CreateDirectory(variants);
        await File.WriteAllBytesAsync(Path.Combine(variants, unused.FileName[..32] + "-480.webp"), [1], Token);
        await db.SaveAsync(ArticleFile.With("Mit Bild", "2025-05-01", "[a]", $"![Dom](/bilder/{used.FileName})"), "mit-bild.md");

        var refused = await db.Storage.PictureLibrary.DeleteAsync(used.FileName, images, variants, Token);
        var deleted = await db.Storage.PictureLibrary.DeleteAsync(unused.FileName, images, variants, Token);

        Assert.False(refused.Deleted);
        Assert.Equal("Mit Bild", Assert.Single(refused.UsedBy).Title);
        Assert.True(File.Exists(Path.Combine(images, used.FileName)));
        Assert.True(deleted.Deleted);
        Assert.False(File.Exists(Path.Combine(images, unused.FileName)));
        Assert.Empty(Directory.GetFiles(variants));
        Assert.Null(await db.Storage.PictureLibrary.FindAsync(unused.FileName, Token));
    }
}
