using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Export;
using NewsSite.Core.Import;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Export;

/// <summary>One size limit for saving, importing and exporting: what is stored within it goes out and back in.</summary>
public class ArticleFileLimitTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<List<ArticleForExport>> ExportedAsync(TestDatabase db)
    {
        var all = new List<ArticleForExport>();
        await foreach (var article in db.Export.ReadAllForExportAsync(Token))
        {
            all.Add(article);
        }

        return all;
    }

    [Fact]
    public async Task TheMeasure_IsNeverBelowTheFileTheExportWrites_AndTheExportedFileMeasuresAsItsArticleDid()
    {
        await using var db = await TestDatabase.CreateAsync();
        var limit = ArticleFileLimit.Default;
        string[] sources =
        [
            // Stored first, so its spellings win: the later articles are exported with "René Müller" and "KÖLN".
            "---\ntitle: Erster\nauthor: René Müller\ntags: [KÖLN]\ndate: 2025-01-01\n---\n\nText.",
            // No slug, no date, no feed id: the store picks them, and the export writes what it picked.
            "---\ntitle: Ein Titel, aus dem der Slug abgeleitet wird\nauthor: Rene Mueller\ntags: [köln, Bahn]\n---\n\nText über Köln.",
            "---\n# ein Kommentar bleibt\ntitle: Dritter\nslug: dritter\nauthor: \"x\"\ndate: 2025-03-01T10:00:00.1234567+01:00\nupdated: 2025-03-02\nsummary: Kurz.\ndraft: true\n---\n\nКириллица.",
        ];
        var contents = new List<ArticleContent>();
        foreach (var (source, i) in sources.Select((s, i) => (s, i)))
        {
            contents.Add(TestDatabase.Parser.Parse($"{i}.md", source));
            await db.Articles.SaveAsync(contents[^1], ArticleOrigin.ImportedFile($"{i}.md"), cancellationToken: Token);
        }

        var exported = await ExportedAsync(db);

        Assert.Equal(sources.Length, exported.Count);
        Assert.Equal(("René Müller", "KÖLN"), (exported[1].AuthorName, exported[1].Tags[0]));
        foreach (var (content, article) in contents.Zip(exported))
        {
            var file = ArticleExporter.ArticleFile(article);
            Assert.True(limit.Measure(content) >= Encoding.UTF8.GetByteCount(file), file);
            Assert.Equal(limit.Measure(article), limit.Measure(TestDatabase.Parser.Parse("export.md", file)));
            Assert.True(limit.Measure(article) <= limit.Measure(content), file);
        }
    }

    [Fact]
    public async Task AnExportOfAnArticleOverTheLimit_StillWritesIt_AndNamesIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Klein", "2025-01-01", "[]"), "klein.md");
        // Stored without the check, as before it existed, or before the limit was lowered.
        await db.SaveAsync(ArticleFile.With("Groß", "2025-01-02", "[]", body: new string('x', 5000)), "gross.md");
        var folder = Path.Combine(TestDatabase.NewDirectory(), "export");

        var report = await new ArticleExporter(db.Export, db.Clock, new ArticleFileLimit(4096))
            .ExportAsync(folder, Path.Combine(db.Directory, "images"), Token);

        Assert.Equal(["0000002-gross.md"], report.TooLarge);
        Assert.True(File.Exists(Path.Combine(folder, "0000002-gross.md")));
        Assert.True(File.Exists(Path.Combine(folder, "0000001-klein.md")));
    }

    [Fact]
    public async Task Import_UsesTheSameLimit_RefusingAFileWhoseExportCouldNotBeImported()
    {
        await using var db = await TestDatabase.CreateAsync();
        var limit = new ArticleFileLimit(4096);
        var fits = ArticleFile.With("Passt", "2025-01-01", "[A]", body: new string('x', 2000));
        var tooLarge = ArticleFile.With("Zu groß", "2025-01-01", "[A]", body: new string('x', 3900));
        Assert.True(Encoding.UTF8.GetByteCount(tooLarge) < limit.MaxBytes); // the file fits; what the export adds does not
        var folder = TestDatabase.NewDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder, "passt.md"), fits, Token);
        await File.WriteAllTextAsync(Path.Combine(folder, "zu-gross.md"), tooLarge, Token);

        var report = await new ArticleImporter(TestDatabase.Parser, TestDatabase.ProfileParser, db.Articles, db.Authors, limit)
            .ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal((1, 1), (report.Created, report.Failed));
        var failed = Assert.Single(report.Files, f => f.Outcome == ImportOutcome.Failed);
        Assert.StartsWith("zu-gross.md: Der Artikel ist zu groß: Als Datei, wie der Export sie schreibt, hätte er bis zu ", failed.Reason, StringComparison.Ordinal);
        Assert.Contains("erlaubt sind 4.096 (4 KB)", failed.Reason, StringComparison.Ordinal);
    }
}
