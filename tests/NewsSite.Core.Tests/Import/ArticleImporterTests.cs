using NewsSite.Core.SitePages;
using NewsSite.Core.Markdown;
using System.Text;
using Dapper;
using NewsSite.Core.Articles;
using NewsSite.Core.Export;
using NewsSite.Core.Import;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Import;

public class ArticleImporterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ArticleImporter Importer(TestDatabase db) => new(TestDatabase.Parser, TestDatabase.ProfileParser, db.Articles, db.Authors, ArticleFileLimit.Default,
        new SitePageFiles(new SitePageParser(new MarkdownRenderer()), db.Storage.SitePages), db.Storage.Ressorts, tags: db.Storage.Tags);

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
        var article = await db.Published.FindPublishedAsync("zwei", db.Clock.Now, Token);
        Assert.Single(await db.Editing.ListRevisionsAsync(article!.Id, Token));
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
        var article = await db.Published.FindPublishedAsync("eins", db.Clock.Now, Token);
        Assert.Contains("Neu.", article!.BodyHtml, StringComparison.Ordinal);
        var revisions = await db.Editing.ListRevisionsAsync(article.Id, Token);
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

    /// <summary>
    /// Files share transactions (batches of <see cref="ArticleImporter.BatchSize"/>); a file refused in the middle of
    /// one, even after its article row, tags and search row were written, must leave nothing behind and cost no other
    /// file anything.
    /// </summary>
    [Fact]
    public async Task AFileTheDatabaseRefusesMidBatch_LeavesNoTrace_AndTheOthersGoIn()
    {
        await using var db = await TestDatabase.CreateAsync();
        var count = ArticleImporter.BatchSize + 100;
        var (slugTaken, refused) = (ArticleImporter.BatchSize / 2, ArticleImporter.BatchSize + 50); // one in each batch
        var folder = Folder([.. Enumerable.Range(0, count).Select(i => (
            $"a-{i:D4}.md",
            ArticleFile.With($"Artikel {i}", "2025-01-01", "[Eins, Zwei]", extra: i == 1 || i == slugTaken ? "slug: belegt" : "")))]);
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            // Fires on the revision, the last write of an article: everything else of it is already in.
            await connection.ExecuteAsync(
                $"CREATE TRIGGER refuse AFTER INSERT ON revisions WHEN NEW.origin_detail = 'a-{refused:D4}.md' BEGIN SELECT RAISE(ABORT, 'kaputt'); END;");
        }

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal((count - 2, 2), (report.Created, report.Failed));
        var failures = report.Files.Where(f => f.Outcome == ImportOutcome.Failed).ToDictionary(f => f.Path, f => f.Reason!);
        Assert.Contains("„belegt“ gehört bereits", failures[$"a-{slugTaken:D4}.md"], StringComparison.Ordinal);
        Assert.StartsWith($"a-{refused:D4}.md: Die Datenbank hat den Artikel abgelehnt", failures[$"a-{refused:D4}.md"], StringComparison.Ordinal);
        Assert.Equal(count, report.Files.Count);
        await using var check = await db.Database.OpenAsync(Token);
        Assert.Equal((long)count - 2, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM articles;"));
        Assert.Equal(0L, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM articles WHERE source_key IN (@A, @B);", new { A = $"a-{slugTaken:D4}.md", B = $"a-{refused:D4}.md" }));
        Assert.Equal((long)count - 2, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM revisions;"));
        Assert.Equal((long)count - 2, await check.ExecuteScalarAsync<long>("SELECT count(*) FROM article_search;"));
        Assert.Equal(2L * (count - 2), await check.ExecuteScalarAsync<long>("SELECT count(*) FROM article_tags;"));
    }

    /// <summary>Some errors make SQLite end the whole transaction; the batch is then saved file by file instead.</summary>
    [Fact]
    public async Task AFileThatEndsTheWholeTransaction_FailsAlone()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder([.. Enumerable.Range(0, 30).Select(i => ($"a-{i:D4}.md", ArticleFile.With($"Artikel {i}", "2025-01-01", "[Eins]")))]);
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync(
                "CREATE TRIGGER refuse AFTER INSERT ON revisions WHEN NEW.origin_detail = 'a-0017.md' BEGIN SELECT RAISE(ROLLBACK, 'weg'); END;");
        }

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal((29, 1), (report.Created, report.Failed));
        Assert.StartsWith("a-0017.md: Die Datenbank hat den Artikel abgelehnt", report.Files[17].Reason, StringComparison.Ordinal);
        Assert.Equal(29, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task OversizeFileIsRefusedBeforeParsing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(("gross.md", ArticleFile.With("Groß", "2025-01-01", "[]", body: new string('x', (int)ArticleFileLimit.DefaultMaxBytes))));

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

    private static string ByAnna(string title) =>
        ArticleFile.With(title, "2025-01-01", "[]").Replace("Test Autorin", "Anna Berger", StringComparison.Ordinal);

    private const string AnnasProfile = "---\nname: \"Anna Berger\"\n---\n\nAnna schreibt über **Europa**.\n";

    [Fact]
    public async Task ProfilesBelowAuthors_BecomeBios_NotArticles()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(
            ("eins.md", ByAnna("Eins")),
            ("authors/anna-berger.md", AnnasProfile),
            ("authors/lea-graef.md", "---\nname: Lea Gräf\n---\nLea ist neu.\n"),
            ("authors/max-muster.md", "Max hat noch keinen Artikel und keinen Namen im Profil.\n"));

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal(0, report.Failed);
        Assert.Equal(1, await db.Articles.CountAsync(Token));
        Assert.Equal(
            ["authors/anna-berger.md AuthorProfile Created anna-berger", "authors/lea-graef.md AuthorProfile Created lea-graef",
             "authors/max-muster.md AuthorProfile Created max-muster", "eins.md Article Created eins"],
            report.Files.Select(f => $"{f.Path} {f.Kind} {f.Outcome} {f.Slug}"));
        // Authors without a published article have no public page yet (an unknown name to readers): read as editors do.
        var anna = await db.Authors.FindAuthorForEditingAsync("anna-berger", Token);
        Assert.Equal(("Anna Berger", "<p>Anna schreibt über <strong>Europa</strong>.</p>\n"), (anna!.Name, anna.Bio.Html));
        Assert.Equal("Lea Gräf", (await db.Authors.FindAuthorForEditingAsync("lea-graef", Token))!.Name);
        Assert.Equal("Max Muster", (await db.Authors.FindAuthorForEditingAsync("max-muster", Token))!.Name);
        var version = Assert.Single((await db.Authors.FindAuthorForEditingAsync("anna-berger", Token))!.History);
        Assert.Equal((RevisionOrigin.Import, "authors/anna-berger.md"), (version.Origin, version.OriginDetail));
    }

    [Fact]
    public async Task Profile_OfAnAuthorWhoExists_GivesTheBioAndKeepsTheirName()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Eins", "2025-01-01", "[]").Replace("Test Autorin", "administrator", StringComparison.Ordinal), "eins.md");
        var folder = Folder(("authors/administrator.md", "---\nname: Administrator\n---\nDie Redaktion.\n"));

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal(ImportOutcome.Created, Assert.Single(report.Files).Outcome);
        var author = await db.Authors.FindAuthorDetailsAsync("administrator", db.Clock.Now, Token);
        Assert.Equal(("administrator", "<p>Die Redaktion.</p>\n"), (author!.Name, author.BioHtml));
    }

    [Fact]
    public async Task Profiles_ReimportedUnchanged_ChangeNothing_AChangedFileIsANewVersion()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(("eins.md", ByAnna("Eins")), ("authors/anna-berger.md", AnnasProfile));
        await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        var again = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);
        Assert.Equal(["Unchanged", "Unchanged"], again.Files.Select(f => f.Outcome.ToString()));
        Assert.Single((await db.Authors.FindAuthorForEditingAsync("anna-berger", Token))!.History);

        await File.WriteAllTextAsync(Path.Combine(folder, "authors", "anna-berger.md"), AnnasProfile.Replace("Europa", "Polen", StringComparison.Ordinal), Token);
        var changed = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal(ImportOutcome.Updated, changed.Files.Single(f => f.Kind == ImportItemKind.AuthorProfile).Outcome);
        var editable = await db.Authors.FindAuthorForEditingAsync("anna-berger", Token);
        Assert.Equal(2, editable!.History.Count);
        Assert.Contains("Polen", editable.Bio.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BioEditedInTheAdmin_SurvivesAReimportOfTheUnchangedFile()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(("authors/anna-berger.md", AnnasProfile));
        await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);
        await db.Authors.SaveBioAsync("anna-berger", 1, TestDatabase.ProfileParser.PrepareBio("In der Redaktion verbessert."), "erika", Token);

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal(ImportOutcome.Unchanged, Assert.Single(report.Files).Outcome);
        Assert.Equal("In der Redaktion verbessert.", (await db.Authors.FindAuthorForEditingAsync("anna-berger", Token))!.Bio.Markdown);
    }

    [Fact]
    public async Task BadProfiles_AreReportedInGerman_AndTheOthersGoIn()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(
            ("authors/a-gut.md", "Gut.\n"),
            ("authors/b-yaml.md", "---\nname: [\n---\nText.\n"),
            ("authors/c-feld.md", "---\nname: C Feld\nrolle: Chefin\n---\nText.\n"),
            ("authors/d-name.md", "---\nname: Jonas Weber\n---\nText.\n"),
            ("authors/e-lang.md", new string('x', AuthorProfileParser.MaxBioLength + 1)),
            ("authors/F Gross.md", "Text.\n"),
            ("authors/rubrik/g-tief.md", "Text.\n"),
            ("authors/h-gross.md", new string('x', (int)ArticleFileLimit.DefaultMaxBytes + 1)),
            ("eins.md", ArticleFile.With("Eins", "2025-01-01", "[]")));
        await File.WriteAllBytesAsync(Path.Combine(folder, "authors", "i-latin1.md"), System.Text.Encoding.Latin1.GetBytes("Größe\n"), Token);

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Equal((2, 8), (report.Created, report.Failed));
        var failures = report.Files.Where(f => f.Outcome == ImportOutcome.Failed).ToDictionary(f => f.Path, f => f.Reason!);
        Assert.All(failures.Keys, path => Assert.Equal(ImportItemKind.AuthorProfile, report.Files.Single(f => f.Path == path).Kind));
        Assert.Matches("^authors/b-yaml.md, Zeile [23], Feld „name“: Die Liste in eckigen Klammern", failures["authors/b-yaml.md"]);
        Assert.StartsWith("authors/c-feld.md, Zeile 3, Feld „rolle“: Unbekanntes Feld. Erlaubt sind: name.", failures["authors/c-feld.md"], StringComparison.Ordinal);
        Assert.Contains("gehört zur Autorenseite /autor/jonas-weber", failures["authors/d-name.md"], StringComparison.Ordinal);
        Assert.Equal("authors/e-lang.md, Zeile 1: Die Biografie ist zu lang (5.001 Zeichen, höchstens 5.000).", failures["authors/e-lang.md"]);
        Assert.Contains("kein gültiger Name für ein Autorenprofil", failures["authors/F Gross.md"], StringComparison.Ordinal);
        Assert.Contains("nicht in Unterordnern", failures["authors/rubrik/g-tief.md"], StringComparison.Ordinal);
        Assert.Contains("Die Datei ist zu groß", failures["authors/h-gross.md"], StringComparison.Ordinal);
        Assert.Contains("nicht in UTF-8", failures["authors/i-latin1.md"], StringComparison.Ordinal);
        Assert.Equal(1, await db.Articles.CountAsync(Token));
        Assert.NotNull(await db.Authors.FindAuthorForEditingAsync("a-gut", Token));
        Assert.Null(await db.Authors.FindAuthorForEditingAsync("d-name", Token));
        Assert.Null(await db.Authors.FindAuthorForEditingAsync("e-lang", Token));
    }

    [Fact]
    public async Task TagsYml_IsReadBeforeTheArticles_SoThatAVariantLandsUnderItsTag_AndOnlyIntoASiteWithoutAliases()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(
            ("tags.yml", "- name: Köln\n  aliases: [Koeln]\n"),
            ("a.md", ArticleFile.With("Dom", "2025-05-01", "[Koeln, Kirche]")));

        var first = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);
        var again = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        Assert.Contains(first.Files, f => f is { Path: "tags.yml", Kind: ImportItemKind.TagList, Outcome: ImportOutcome.Created });
        Assert.Contains(again.Files, f => f is { Path: "tags.yml", Kind: ImportItemKind.TagList, Outcome: ImportOutcome.Unchanged });
        Assert.Equal(["Köln", "Kirche"], (await db.Published.FindPublishedAsync("dom", db.Clock.Now, Token))!.Tags.Select(t => t.Name));
    }

    [Fact]
    public async Task ABrokenTagsYml_IsReported_AndTheArticlesGoInAllTheSame()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(("tags.yml", "- name: Köln\n  aliases: Koeln\n"), ("a.md", ArticleFile.With("Dom", "2025-05-01", "[Koeln]")));

        var report = await Importer(db).ImportFolderAsync(folder, cancellationToken: Token);

        var failed = Assert.Single(report.Files, f => f.Outcome == ImportOutcome.Failed);
        Assert.Equal((ImportItemKind.TagList, "tags.yml, Zeile 2, Feld „aliases“: Die Varianten sind eine Liste, z. B. „aliases: [Koeln, Kölle]“."), (failed.Kind, failed.Reason));
        Assert.Equal(["Koeln"], (await db.Published.FindPublishedAsync("dom", db.Clock.Now, Token))!.Tags.Select(t => t.Name));
    }

    [Fact]
    public async Task DryRun_OfAProfile_WritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(("authors/anna-berger.md", AnnasProfile));

        var report = await Importer(db).ImportFolderAsync(folder, dryRun: true, Token);

        Assert.Equal(ImportOutcome.Created, Assert.Single(report.Files).Outcome);
        Assert.Null(await db.Authors.FindAuthorForEditingAsync("anna-berger", Token));
    }

    [Fact]
    public async Task TheRepositoryContentFolderImportsCleanly()
    {
        await using var db = await TestDatabase.CreateAsync();
        var content = Path.Combine(RepositoryRoot(), "content");

        var report = await Importer(db).ImportFolderAsync(content, cancellationToken: Token);

        Assert.True(report.Failed == 0, string.Join("\n", report.Files.Select(f => f.Reason)));
        Assert.True(report.Created >= 9);
        Assert.Contains(report.Files, f => f is { Path: "ressorts.yml", Kind: ImportItemKind.RessortList, Outcome: ImportOutcome.Created });
        Assert.Contains(report.Files, f => f is { Path: "authors/anna-berger.md", Kind: ImportItemKind.AuthorProfile, Outcome: ImportOutcome.Created });
        Assert.Contains(report.Files, f => f is { Path: "seiten/impressum.md", Kind: ImportItemKind.SitePage, Outcome: ImportOutcome.Created });
        Assert.NotNull((await db.Authors.FindAuthorDetailsAsync("anna-berger", db.Clock.Now, Token))!.BioHtml);
        var seed = await db.Published.FindPublishedAsync("kreml-lehnt-internationale-truppen-in-ukraine-strikt-ab", db.Clock.Now, Token);
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
