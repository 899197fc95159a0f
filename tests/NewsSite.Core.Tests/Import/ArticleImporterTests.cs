using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Import;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Import;

public class ArticleImporterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ArticleImporter Importer(TestDatabase db) => new(TestDatabase.Parser, db.Articles);

    private static string Folder(params (string Path, string Text)[] files)
    {
        var folder = TestDatabase.NewDirectory();
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text, new UTF8Encoding(false));
        }

        return folder;
    }

    [Fact]
    public async Task ImportingTwiceChangesNothingTheSecondTime()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(
            ("eins.md", ArticleFile.With("Eins", "2025-01-01", "[A]")),
            ("rubrik/zwei.md", ArticleFile.With("Zwei", "2025-01-02", "[A, B]")));

        var first = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);
        var second = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal((2, 0, 0, 0), (first.Created, first.Updated, first.Unchanged, first.Failed));
        Assert.Equal((0, 0, 2, 0), (second.Created, second.Updated, second.Unchanged, second.Failed));
        Assert.Equal(["eins.md", "rubrik/zwei.md"], second.Files.Select(f => f.Path));
        Assert.Equal(2, await db.Articles.CountAsync(Token));
        var article = await db.Articles.FindPublishedAsync("zwei", db.Clock.Now, Token);
        Assert.Single(await db.Articles.ListRevisionsAsync(article!.Id, Token));
    }

    [Fact]
    public async Task ChangedFileGetsANewRevision()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(("eins.md", ArticleFile.With("Eins", "2025-01-01", "[A]", body: "Alt.")));
        await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);
        await File.WriteAllTextAsync(Path.Combine(folder, "eins.md"), ArticleFile.With("Eins", "2025-01-01", "[A]", body: "Neu."), Token);

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        var result = Assert.Single(report.Files);
        Assert.Equal(ImportOutcome.Updated, result.Outcome);
        var article = await db.Articles.FindPublishedAsync("eins", db.Clock.Now, Token);
        Assert.Contains("Neu.", article!.BodyHtml, StringComparison.Ordinal);
        var revisions = await db.Articles.ListRevisionsAsync(article.Id, Token);
        Assert.Equal(2, revisions.Count);
        Assert.Contains("Alt.", revisions[0].Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingFilesAreReportedWithReasonsAndDoNotStopTheOthers()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(
            ("a-gut.md", ArticleFile.With("Gut", "2025-01-01", "[A]")),
            ("b-ohne-titel.md", "---\nauthor: X\n---\nText"),
            ("c-unbekannt.md", "---\ntitle: T\nkategorie: Politik\n---\nText"),
            ("d-auch-gut.md", ArticleFile.With("Auch gut", "2025-01-02", "[A]")),
            ("e-slug-vergeben.md", ArticleFile.With("Dritter", "2025-01-03", "[]", extra: "slug: gut")));
        await File.WriteAllBytesAsync(Path.Combine(folder, "f-latin1.md"), Encoding.Latin1.GetBytes("---\ntitle: Größe\n---\n"), Token);

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal(2, report.Created);
        Assert.Equal(4, report.Failed);
        var failures = report.Files.Where(f => f.Outcome == ImportOutcome.Failed).ToDictionary(f => f.Path, f => f.Reason!);
        Assert.Equal("b-ohne-titel.md, Zeile 3, Feld „title“: Der Titel fehlt. Bitte „title: …“ angeben.", failures["b-ohne-titel.md"]);
        Assert.StartsWith("c-unbekannt.md, Zeile 3, Feld „kategorie“: Unbekanntes Feld.", failures["c-unbekannt.md"], StringComparison.Ordinal);
        Assert.Contains("„gut“ gehört bereits", failures["e-slug-vergeben.md"], StringComparison.Ordinal);
        Assert.Contains("nicht in UTF-8", failures["f-latin1.md"], StringComparison.Ordinal);
        Assert.Equal(2, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task OversizeFileIsRefusedBeforeParsing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(("gross.md", ArticleFile.With("Groß", "2025-01-01", "[]", body: new string('x', (int)ArticleImporter.MaxFileBytes))));

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Contains("zu groß", Assert.Single(report.Files).Reason, StringComparison.Ordinal);
        Assert.Equal(0, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task DryRunReportsWithoutWriting()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(("eins.md", ArticleFile.With("Eins", "2025-01-01", "[A]")), ("kaputt.md", "kein front matter"));

        var report = await Importer(db).ImportFolderAsync(folder, dryRun: true, Token);

        Assert.True(report.DryRun);
        Assert.Equal((1, 1), (report.Created, report.Failed));
        Assert.Equal(0, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task OnlyMarkdownFilesAndNoHiddenOnesAreImported()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(
            ("eins.md", ArticleFile.With("Eins", "2025-01-01", "[]")),
            ("notiz.txt", ArticleFile.With("Notiz", "2025-01-01", "[]")),
            (".versteckt.md", ArticleFile.With("Versteckt", "2025-01-01", "[]")));

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal(["eins.md"], report.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task MissingFolderIsAClearError()
    {
        await using var db = await TestDatabase.CreateAsync();

        var e = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Importer(db).ImportFolderAsync("/gibt/es/nicht", cancellationToken: Token));

        Assert.Contains("existiert nicht", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRepositoryContentFolderImportsCleanly()
    {
        await using var db = await TestDatabase.CreateAsync();
        var content = Path.Combine(RepositoryRoot(), "content");

        var report = await Importer(db).ImportFolderAsync(content, cancellationToken: Token);

        Assert.True(report.Failed == 0, string.Join("\n", report.Files.Select(f => f.Reason)));
        Assert.True(report.Created >= 9);
        var seed = await db.Articles.FindPublishedAsync("kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab", db.Clock.Now, Token);
        Assert.NotNull(seed);
        Assert.Equal("administrator", seed.AuthorName);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NewsSite.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("NewsSite.sln nicht gefunden.");
    }
}
