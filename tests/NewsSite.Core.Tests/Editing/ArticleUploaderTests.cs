using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Editing;
using NewsSite.Core.Export;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Editing;

public class ArticleUploaderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ArticleUploader Uploader(TestDatabase db, long fileBytes = 1024, int files = 200, long bytes = 32 * 1024 * 1024, IArticleStore? store = null) =>
        new(TestDatabase.Parser, store ?? db.Articles, db.Clock, new UploadLimits(new ArticleFileLimit(fileBytes), files, bytes));

    private static UploadedFile File(string name, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new UploadedFile(name, bytes.Length, () => new MemoryStream(bytes));
    }

    private static UploadedFile Zip(string name, int entries, Func<int, string> text, string prefix = "a") =>
        ZipOf(name, [.. Enumerable.Range(0, entries).Select(i => ($"{prefix}{i:D3}.md", text(i)))]);

    private static UploadedFile ZipOf(string name, params (string Entry, string? Text)[] entries) => Bytes(name, ZipBytes(entries));

    /// <summary>A null text makes a folder entry.</summary>
    private static byte[] ZipBytes(params (string Entry, string? Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (entry, text) in entries)
            {
                var created = archive.CreateEntry(entry);
                if (text is not null)
                {
                    using var writer = new StreamWriter(created.Open());
                    writer.Write(text);
                }
            }
        }

        return buffer.ToArray();
    }

    private static UploadedFile Bytes(string name, byte[] bytes) => new(name, bytes.Length, () => new MemoryStream(bytes));

    private static string Article(string title, string body = "Ein Absatz.") => $"---\ntitle: \"{title}\"\n---\n\n{body}";

    [Fact]
    public async Task UploadsAreEditorRevisions_AndPublishedOnesCarryTheirDate()
    {
        await using var db = await TestDatabase.CreateAsync();

        var results = await Uploader(db).UploadAsync([File("x.md", "---\ntitle: Ohne Datum\n---\n\nText.")], false, "anna", Token);

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

        var results = await Uploader(db, files: 200).UploadAsync([Zip("viele.zip", 201, i => Article($"T{i}", "x"))], false, "anna", Token);

        Assert.Contains("201 Markdown-Dateien, höchstens 200", Assert.Single(results).Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task SeveralZips_AreHeldToOneFileLimitForTheWholeRequest_EachFileBeyondItGetsItsOwnLine()
    {
        await using var db = await TestDatabase.CreateAsync();

        // Each zip alone is within the limit of 5; together with the loose file they are 8.
        var results = await Uploader(db, files: 5).UploadAsync(
            [Zip("erste.zip", 3, i => Article($"Erste {i}"), "e"), Zip("zweite.zip", 3, i => Article($"Zweite {i}"), "z"), File("lose.md", Article("Lose"))],
            false, "anna", Token);

        Assert.Equal(
            ["erste.zip/e000.md", "erste.zip/e001.md", "erste.zip/e002.md", "zweite.zip/z000.md", "zweite.zip/z001.md", "zweite.zip/z002.md", "lose.md"],
            results.Select(r => r.Name));
        Assert.All(results.Take(5), r => Assert.Equal(UploadOutcome.Published, r.Outcome));
        Assert.All(results.Skip(5), r =>
        {
            Assert.Equal(UploadOutcome.NotRead, r.Outcome);
            Assert.Contains("Grenze von 5 Markdown-Dateien je Upload ist erreicht", r.Reason, StringComparison.Ordinal);
        });
        Assert.Equal(5, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task ZipsThatExpandBeyondTheRequestsByteLimit_StopThere_ThoughEachIsSmall()
    {
        await using var db = await TestDatabase.CreateAsync();

        // 4 KB of one letter compresses to a few dozen bytes; three such zips unpack to 12 KB against a limit of 10 KB.
        var zips = Enumerable.Range(1, 3).Select(i => Zip($"z{i}.zip", 1, _ => Article($"Bombe {i}", new string('a', 4000)))).ToList();
        Assert.All(zips, z => Assert.True(z.Length < 500, $"{z.Name}: {z.Length} Bytes"));

        var results = await Uploader(db, fileBytes: 8 * 1024, bytes: 10 * 1024).UploadAsync(zips, false, "anna", Token);

        Assert.Equal([UploadOutcome.Published, UploadOutcome.Published, UploadOutcome.NotRead], results.Select(r => r.Outcome));
        Assert.Contains("Grenze von 10 KB entpackt je Upload ist erreicht", results[2].Reason, StringComparison.Ordinal);
        Assert.Equal(2, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task AZipThatAloneWouldExpandBeyondTheRequestsByteLimit_IsRefusedWhole_ByItsDeclaredSizes()
    {
        await using var db = await TestDatabase.CreateAsync();

        var results = await Uploader(db, fileBytes: 8 * 1024, bytes: 10 * 1024).UploadAsync(
            [Zip("bombe.zip", 4, i => Article($"Bombe {i}", new string('a', 4000)))], false, "anna", Token);

        Assert.Contains("ergäbe entpackt 16 KB, höchstens 10 KB sind je Upload erlaubt; keine Datei wurde gelesen",
            Assert.Single(results).Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task ZipsFullOfFolders_AreHeldToTheEntriesOfOneUpload_SoTheReportStaysBounded()
    {
        await using var db = await TestDatabase.CreateAsync();
        (string, string?)[] Folders(string zip) => [.. Enumerable.Range(0, 30).Select(i => ($"{zip}{i:D2}/", (string?)null))];

        // 5 files allow 20 entries per upload: the first zip's 30 folders are too many alone, the second's 15 fit,
        // the third's 15 no longer do.
        var results = await Uploader(db, files: 5).UploadAsync(
            [ZipOf("a.zip", Folders("a")), ZipOf("b.zip", Folders("b")[..15]), ZipOf("c.zip", [.. Folders("c")[..14], ("c.md", Article("C"))])],
            false, "anna", Token);

        Assert.Equal(1 + 15 + 1, results.Count);
        Assert.Equal((UploadOutcome.Rejected, "a.zip"), (results[0].Outcome, results[0].Name));
        Assert.Contains("30 Einträge, höchstens 20 sind je Upload erlaubt", results[0].Reason, StringComparison.Ordinal);
        Assert.All(results.Skip(1).Take(15), r => Assert.Equal(UploadOutcome.Skipped, r.Outcome));
        Assert.Equal((UploadOutcome.NotRead, "c.zip"), (results[^1].Outcome, results[^1].Name));
        Assert.Contains("Grenze von 20 ZIP-Einträgen je Upload", results[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZipEntryLargerThanTheLimit_IsRefusedByItsDeclaredSize()
    {
        await using var db = await TestDatabase.CreateAsync();

        // 50 KB of one letter compresses to almost nothing: the archive is small, the entry is not.
        var results = await Uploader(db).UploadAsync([Zip("bombe.zip", 1, _ => Article("Bombe", new string('a', 50_000)))], false, "anna", Token);

        Assert.Contains("zu groß", Assert.Single(results).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZipEntryThatDeclaresLessThanItHolds_IsRefused_NotStoredCutOff()
    {
        await using var db = await TestDatabase.CreateAsync();
        var bytes = ZipBytes(("luege.md", Article("Lügt", new string('a', 5000) + " Ende.")));

        // The directory and the local header both claim 100 bytes: .NET then inflates 100 bytes and stops, silently.
        for (var i = 0; i < bytes.Length - 4; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature is 0x04034b50 or 0x02014b50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + (signature == 0x04034b50 ? 22 : 24)), 100);
            }
        }

        var result = Assert.Single(await Uploader(db, fileBytes: 8 * 1024).UploadAsync([Bytes("luege.zip", bytes)], false, "anna", Token));

        Assert.Equal(UploadOutcome.Rejected, result.Outcome);
        Assert.Contains("passt nicht zu ihrer Prüfsumme", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task EveryEntryOfAZip_GetsALine_FoldersMacMetadataHiddenAndOtherFilesToo()
    {
        await using var db = await TestDatabase.CreateAsync();

        var results = await Uploader(db).UploadAsync([ZipOf("paket.zip",
            ("ordner/", null), ("ordner/artikel.md", Article("Aus dem Ordner")), ("__MACOSX/ordner/._artikel.md", "Metadaten"),
            ("ordner/.DS_Store", "Finder"), ("bild.png", "kein Markdown"))], false, "anna", Token);

        Assert.Equal(
            [
                ("paket.zip/__MACOSX/ordner/._artikel.md", UploadOutcome.Skipped), ("paket.zip/bild.png", UploadOutcome.Rejected),
                ("paket.zip/ordner/", UploadOutcome.Skipped), ("paket.zip/ordner/.DS_Store", UploadOutcome.Skipped),
                ("paket.zip/ordner/artikel.md", UploadOutcome.Published),
            ],
            results.Select(r => (r.Name, r.Outcome)));
        Assert.All(results.Where(r => r.Outcome != UploadOutcome.Published), r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
    }

    [Fact]
    public async Task AFileThatFailsUnexpectedly_IsRejectedOnItsOwn_AndTheFilesAfterItAreStillStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var store = new FailingStore(db.Articles, failForTitle: "Zweiter");

        var results = await Uploader(db, store: store).UploadAsync(
            [File("1.md", Article("Erster")), File("2.md", Article("Zweiter")), File("3.md", Article("Dritter"))], false, "anna", Token);

        Assert.Equal([UploadOutcome.Published, UploadOutcome.Rejected, UploadOutcome.Published], results.Select(r => r.Outcome));
        Assert.Contains("Unerwarteter Fehler", results[1].Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Festplatte", results[1].Reason, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(results[1].Failure);
        Assert.Equal(2, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task OtherFileTypes_AreRefused()
    {
        await using var db = await TestDatabase.CreateAsync();

        var results = await Uploader(db).UploadAsync([File("bild.exe", "MZ")], false, "anna", Token);

        Assert.Contains("Nur Markdown-Dateien", Assert.Single(results).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStreamLongerThanDeclared_IsStillCutAtTheLimit()
    {
        await using var db = await TestDatabase.CreateAsync();
        var bytes = Encoding.UTF8.GetBytes(Article("Lügt", new string('a', 5000)));

        var results = await Uploader(db).UploadAsync([new UploadedFile("luege.md", 10, () => new MemoryStream(bytes))], false, "anna", Token);

        Assert.Contains("zu groß", Assert.Single(results).Reason, StringComparison.Ordinal);
    }

    /// <summary>The real store, except that saving one title fails as nothing in the code foresees.</summary>
    private sealed class FailingStore(IArticleStore inner, string failForTitle) : IArticleStore
    {
        public Task<ArticleWriteResult> CreateAsync(ArticleContent content, ArticleOrigin origin, CancellationToken cancellationToken = default) =>
            content.Title == failForTitle
                ? throw new InvalidOperationException("Die Festplatte ist voll.")
                : inner.CreateAsync(content, origin, cancellationToken);

        public Task<int> CountAsync(CancellationToken cancellationToken = default) => inner.CountAsync(cancellationToken);

        public Task<(int Articles, int Tags, int Authors)> CountContentsAsync(CancellationToken cancellationToken = default) =>
            inner.CountContentsAsync(cancellationToken);

        public Task<ArticleWriteResult> SaveAsync(ArticleContent content, ArticleOrigin origin, bool dryRun = false, CancellationToken cancellationToken = default) =>
            inner.SaveAsync(content, origin, dryRun, cancellationToken);

        public Task<IReadOnlyList<BatchSaveResult>> SaveBatchAsync(
            IReadOnlyList<(ArticleContent Content, ArticleOrigin Origin)> articles, bool dryRun = false, CancellationToken cancellationToken = default) =>
            inner.SaveBatchAsync(articles, dryRun, cancellationToken);

        public Task<IReadOnlyList<ArticleWriteResult>> CreateBatchAsync(
            IReadOnlyList<(ArticleContent Content, ArticleOrigin Origin)> articles, CancellationToken cancellationToken = default) =>
            inner.CreateBatchAsync(articles, cancellationToken);

        public Task<ArticleWriteResult> UpdateAsync(
            long articleId, int expectedRevision, ArticleContent content, ArticleOrigin origin, CancellationToken cancellationToken = default) =>
            inner.UpdateAsync(articleId, expectedRevision, content, origin, cancellationToken);

        public Task<IReadOnlyList<ArticleWriteResult>> UpdateManyAsync(
            IReadOnlyList<ArticleUpdate> updates, ArticleOrigin origin, CancellationToken cancellationToken = default) =>
            inner.UpdateManyAsync(updates, origin, cancellationToken);

        public Task<int> SetTrashedManyAsync(IReadOnlyList<long> articleIds, bool trashed, string account, CancellationToken cancellationToken = default) =>
            inner.SetTrashedManyAsync(articleIds, trashed, account, cancellationToken);

        public Task<int> FillMissingOutlinesAsync(CancellationToken cancellationToken = default) => inner.FillMissingOutlinesAsync(cancellationToken);

        public Task<bool> SetTrashedAsync(long articleId, bool trashed, string account, CancellationToken cancellationToken = default) =>
            inner.SetTrashedAsync(articleId, trashed, account, cancellationToken);

        public Task<ReviewChange> SubmitForReviewAsync(long articleId, string account, CancellationToken cancellationToken = default) =>
            inner.SubmitForReviewAsync(articleId, account, cancellationToken);

        public Task<ReviewChange> ReturnFromReviewAsync(long articleId, string account, string comment, CancellationToken cancellationToken = default) =>
            inner.ReturnFromReviewAsync(articleId, account, comment, cancellationToken);
    }
}
