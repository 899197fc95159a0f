using System.IO.Compression;
using System.Text;
using NewsSite.Core.Editing;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Editing;

public class ArticleUploaderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static UploadedFile File(string name, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new UploadedFile(name, bytes.Length, () => new MemoryStream(bytes));
    }

    private static UploadedFile Zip(string name, int entries, Func<int, string> text)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < entries; i++)
            {
                using var writer = new StreamWriter(archive.CreateEntry($"a{i:D3}.md").Open());
                writer.Write(text(i));
            }
        }

        var bytes = buffer.ToArray();
        return new UploadedFile(name, bytes.Length, () => new MemoryStream(bytes));
    }

    [Fact]
    public async Task UploadsAreEditorRevisions_AndPublishedOnesCarryTheirDate()
    {
        await using var db = await TestDatabase.CreateAsync();
        var uploader = new ArticleUploader(TestDatabase.Parser, db.Articles, db.Clock);

        var results = await uploader.UploadAsync([File("x.md", "---\ntitle: Ohne Datum\n---\n\nText.")], false, "anna", 1024, Token);

        var result = Assert.Single(results);
        Assert.Equal(UploadOutcome.Published, result.Outcome);
        var revision = Assert.Single(await db.Editing.ListRevisionsAsync(result.ArticleId!.Value, Token));
        Assert.Equal("anna (Upload x.md)", revision.OriginDetail);
        Assert.Contains("date: 2025-06-01T14:00:00+02:00", revision.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZipWithTooManyFiles_IsRefusedWhole()
    {
        await using var db = await TestDatabase.CreateAsync();
        var uploader = new ArticleUploader(TestDatabase.Parser, db.Articles, db.Clock);

        var results = await uploader.UploadAsync(
            [Zip("viele.zip", ArticleUploader.MaxFilesPerZip + 1, i => $"---\ntitle: T{i}\n---\n\nx")], false, "anna", 1024, Token);

        Assert.Contains("höchstens 200", Assert.Single(results).Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task AZipEntryLargerThanTheLimit_IsRefusedByItsDeclaredSize()
    {
        await using var db = await TestDatabase.CreateAsync();
        var uploader = new ArticleUploader(TestDatabase.Parser, db.Articles, db.Clock);

        // 50 KB of one letter compresses to almost nothing: the archive is small, the entry is not.
        var results = await uploader.UploadAsync(
            [Zip("bombe.zip", 1, _ => "---\ntitle: Bombe\n---\n\n" + new string('a', 50_000))], false, "anna", 1024, Token);

        Assert.Contains("zu groß", Assert.Single(results).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherFileTypes_AreRefused()
    {
        await using var db = await TestDatabase.CreateAsync();
        var uploader = new ArticleUploader(TestDatabase.Parser, db.Articles, db.Clock);

        var results = await uploader.UploadAsync([File("bild.exe", "MZ")], false, "anna", 1024, Token);

        Assert.Contains("Nur Markdown-Dateien", Assert.Single(results).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZipLargerUnpackedThanAnUploadMayBe_IsRefusedWhole_BeforeAnEntryIsRead()
    {
        await using var db = await TestDatabase.CreateAsync();

        // 40 entries of 0.9 MB: 36 MB unpacked, a few hundred kilobytes packed, some twelve seconds of parsing and writing.
        var results = await new ArticleUploader(TestDatabase.Parser, db.Articles, db.Clock).UploadAsync(
            [Zip("gross.zip", 40, i => $"---\ntitle: T{i}\n---\n\n" + new string('a', 900 * 1024))], false, "anna", 1024 * 1024, Token);

        var refused = Assert.Single(results);
        Assert.Equal(UploadOutcome.Rejected, refused.Outcome);
        Assert.Contains("entpackt", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("höchstens 32", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task AZipWithinItsUnpackedLimit_IsTakenWhole()
    {
        await using var db = await TestDatabase.CreateAsync();
        var uploader = new ArticleUploader(TestDatabase.Parser, db.Articles, db.Clock) { MaxUnpackedZipBytes = 3 * 1024 };

        var results = await uploader.UploadAsync(
            [Zip("klein.zip", 2, i => $"---\ntitle: T{i}\n---\n\n" + new string('a', 1000))], false, "anna", 1024 * 1024, Token);

        Assert.All(results, result => Assert.Equal(UploadOutcome.Published, result.Outcome));
        Assert.Equal(2, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task AStreamLongerThanDeclared_IsStillCutAtTheLimit()
    {
        await using var db = await TestDatabase.CreateAsync();
        var uploader = new ArticleUploader(TestDatabase.Parser, db.Articles, db.Clock);
        var bytes = Encoding.UTF8.GetBytes("---\ntitle: Lügt\n---\n\n" + new string('a', 5000));

        var results = await uploader.UploadAsync([new UploadedFile("luege.md", 10, () => new MemoryStream(bytes))], false, "anna", 1024, Token);

        Assert.Contains("zu groß", Assert.Single(results).Reason, StringComparison.Ordinal);
    }
}
