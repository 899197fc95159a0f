using Dapper;
using NewsSite.Core.Data.Postgres;
using NewsSite.Core.Images;
using NewsSite.Core.Tests.Data.Contracts;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Images;

/// <summary>
/// Pictures on several web nodes (decision 0025): the originals' bytes in PostgreSQL's picture_files, each node's
/// images folder a cache of them. Two <see cref="ImageStore"/>s on two folders and one schema are two nodes.
/// </summary>
public sealed class SharedPictureFilesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static byte[] Png(int width = 40, int height = 30)
    {
        using var black = NetVips.Image.Black(width, height);
        using var grey = black + 120;
        return grey.PngsaveBuffer();
    }

    private static ImageStore Node(StorageUnderTest s, string? folder = null) =>
        new(folder ?? TestDatabase.NewDirectory(), 1024 * 1024, records: s.Storage.Pictures, sharedFiles: s.Storage.PictureFiles);

    [Fact]
    public async Task StoredBytes_AreFoundAgain_ExactlyAsTheyWere()
    {
        await using var s = await PostgresStorageUnderTest.CreateAsync(null);
        var files = s.Storage.PictureFiles!;
        byte[] bytes = [0, 1, 2, 0xFF, 0x00, 0x7F, .. Png()];

        await files.StoreAsync("0123456789abcdef0123456789abcdef.png", bytes, Token);

        Assert.Equal(bytes, await files.FindAsync("0123456789abcdef0123456789abcdef.png", Token));
    }

    [Fact]
    public async Task StoringANameAgain_KeepsTheFirstBytes()
    {
        await using var s = await PostgresStorageUnderTest.CreateAsync(null);
        var files = s.Storage.PictureFiles!;
        const string name = "0123456789abcdef0123456789abcdef.png";

        await files.StoreAsync(name, [1, 2, 3], Token);
        await files.StoreAsync(name, [4, 5, 6], Token);

        Assert.Equal([1, 2, 3], await files.FindAsync(name, Token));
        Assert.Equal(1, await RowsAsync(s));
    }

    [Fact]
    public async Task ANameNeverStored_IsNull()
    {
        await using var s = await PostgresStorageUnderTest.CreateAsync(null);

        Assert.Null(await s.Storage.PictureFiles!.FindAsync("ffffffffffffffffffffffffffffffff.jpg", Token));
    }

    [Fact]
    public async Task PictureSavedOnOneNode_IsFoundOnAnother_AndThenLiesInItsFolder()
    {
        await using var s = await PostgresStorageUnderTest.CreateAsync(null);
        var nodeA = Node(s);
        var folderB = TestDatabase.NewDirectory();
        var nodeB = Node(s, folderB);

        var stored = await nodeA.SaveAsync(Png(), Token);
        Assert.False(File.Exists(Path.Combine(folderB, stored.FileName)));

        var found = await nodeB.FindAsync(stored.FileName, Token);

        Assert.NotNull(found);
        Assert.Equal((40, 30), (found.Width, found.Height));
        Assert.Equal(await File.ReadAllBytesAsync(nodeA.PathOf(stored.FileName), Token),
            await File.ReadAllBytesAsync(Path.Combine(folderB, stored.FileName), Token));
        Assert.Empty(Directory.GetFiles(folderB, "*.tmp"));
    }

    [Fact]
    public async Task MarkdownOnAnotherNode_FindsThePicture_ThoughItsRenderingIsSynchronous()
    {
        await using var s = await PostgresStorageUnderTest.CreateAsync(null);
        var stored = await Node(s).SaveAsync(Png(), Token);

        var found = Node(s).FindByUrl(ImageStore.UrlPrefix + stored.FileName);

        Assert.Equal(stored.FileName, found?.FileName);
    }

    [Fact]
    public async Task AVariantOnAnotherNode_IsMadeFromTheFetchedOriginal()
    {
        await using var s = await PostgresStorageUnderTest.CreateAsync(null);
        var stored = await Node(s).SaveAsync(Png(1000, 500), Token);
        var nodeB = Node(s);
        var variants = new PictureVariants(nodeB, TestDatabase.NewDirectory());

        var variant = await variants.FindOrMakeAsync(stored.FileName[..32] + "-480.webp", Token);

        Assert.NotNull(variant);
        using var made = NetVips.Image.NewFromFile(variant.Value.Path);
        Assert.Equal(480, made.Width);
        Assert.True(File.Exists(nodeB.PathOf(stored.FileName)));
    }

    [Fact]
    public async Task APictureNoNodeHas_IsNotFound_AndNothingIsWritten()
    {
        await using var s = await PostgresStorageUnderTest.CreateAsync(null);
        var folder = TestDatabase.NewDirectory();
        var node = Node(s, folder);

        Assert.Null(await node.FindAsync("ffffffffffffffffffffffffffffffff.jpg", Token));
        Assert.Null(await node.FindAsync("../../etc/passwd", Token));
        Assert.Null(await new PictureVariants(node, TestDatabase.NewDirectory()).FindOrMakeAsync("ffffffffffffffffffffffffffffffff-480.jpg", Token));
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());
    }

    [Fact]
    public async Task AFileAlreadyInTheFolder_ReachesTheSharedFiles_WhenSavedAgain()
    {
        await using var s = await PostgresStorageUnderTest.CreateAsync(null);
        var folder = TestDatabase.NewDirectory();
        var png = Png();
        var before = await new ImageStore(folder, 1024 * 1024).SaveAsync(png, Token); // as on a site before decision 0025

        await Node(s, folder).SaveAsync(png, Token);

        Assert.NotNull(await Node(s).FindAsync(before.FileName, Token));
    }

    [Fact]
    public async Task PicturesCopiedIntoASiteFolder_ReachTheSharedFiles()
    {
        await using var s = await PostgresStorageUnderTest.CreateAsync(null);
        var exported = TestDatabase.NewDirectory();
        var stored = await new ImageStore(exported, 1024 * 1024).SaveAsync(Png(), Token);

        var report = await ImageFolder.CopyMissingAsync(exported, TestDatabase.NewDirectory(), s.Storage.PictureFiles, Token);

        Assert.Equal(1, report.Copied);
        Assert.NotNull(await Node(s).FindAsync(stored.FileName, Token));
    }

    [Fact]
    public async Task ADeletedPicture_IsGoneFromTheSharedFilesToo()
    {
        await using var s = await PostgresStorageUnderTest.CreateAsync(null);
        var node = Node(s);
        var stored = await node.SaveAsync(Png(), Token);

        var deletion = await s.Storage.PictureLibrary.DeleteAsync(stored.FileName, node.Folder, TestDatabase.NewDirectory(), Token);

        Assert.True(deletion.Deleted);
        Assert.Null(await s.Storage.PictureFiles!.FindAsync(stored.FileName, Token));
        Assert.Null(await Node(s).FindAsync(stored.FileName, Token));
    }

    private static async Task<long> RowsAsync(StorageUnderTest s)
    {
        await using var connection = await ((PostgresDatabase)s.Storage.Database).OpenAsync(Token);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM picture_files;");
    }
}
