using Dapper;
using NewsSite.Core.Data.Sqlite;
using NewsSite.Core.Articles;
using NewsSite.Core.Data;
using NewsSite.Core.Export;
using NewsSite.Core.Import;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>The search over real SQLite files: what is found, in which order, with which excerpt, and when.</summary>
public class SearchTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly ArticleOrigin Anna = new(RevisionOrigin.Editor, "anna", null);

    private static async Task<PagedList<SearchHit>> SearchAsync(TestDatabase db, string text, int page = 1, int pageSize = 10) =>
        (await db.Search.SearchAsync(text, page, pageSize, db.Clock.Now, Token)).Hits;

    private static async Task<List<string>> SlugsFoundAsync(TestDatabase db, string text) =>
        (await SearchAsync(db, text)).Items.Select(h => h.Slug).ToList();

    /// <summary>Articles that share no word with the tests' queries, so that a term is rare and bm25 has real weights.</summary>
    private static async Task AddFillerAsync(TestDatabase db, int count = 6)
    {
        for (var i = 1; i <= count; i++)
        {
            await db.SaveAsync(ArticleFile.With($"Wetterbericht {i}", "2025-01-01", "[Wetter]", body: "Sonne, Wolken und Wind."), $"wetter-{i}.md");
        }
    }

    [Fact]
    public async Task AOneLetterWord_FindsThatWord_NotEveryWordBeginningWithIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Förderung für das E-Auto", "2025-01-02", "[]"), "e-auto.md");
        await db.SaveAsync(ArticleFile.With("Elektrobusse in Köln", "2025-01-03", "[]"), "elektro.md");

        Assert.Equal(["foerderung-fuer-das-e-auto"], await SlugsFoundAsync(db, "E Auto"));
        Assert.Equal(["foerderung-fuer-das-e-auto"], await SlugsFoundAsync(db, "e"));
        Assert.Equal(["elektrobusse-in-koeln"], await SlugsFoundAsync(db, "el"));
    }

    [Fact]
    public async Task BundledSqlite_HasFts5()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var connection = await db.Database.OpenAsync(Token);

        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT sqlite_compileoption_used('ENABLE_FTS5');"));
    }

    [Theory]
    [InlineData("gesprache")]
    [InlineData("GESPRÄCHE")]
    [InlineData("Gespräche")]
    [InlineData("gespr")]
    [InlineData("sacharow")]
    [InlineData("SACHAROWA")]
    public async Task CaseAccentsAndWordEndings_DoNotMatter(string text)
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Diplomatie", "2025-02-01", "[]", body: "Die Gespräche mit Sacharowa gehen weiter."), "d.md");
        await AddFillerAsync(db);

        Assert.Equal(["diplomatie"], await SlugsFoundAsync(db, text));
    }

    [Fact]
    public async Task APrefixMatchesOnlyAtTheStartOfAWord()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Diplomatie", "2025-02-01", "[]", body: "Sacharowa spricht."), "d.md");

        Assert.Empty(await SlugsFoundAsync(db, "charowa"));
        Assert.Empty(await SlugsFoundAsync(db, "sacharowax"));
    }

    [Fact]
    public async Task TitleSummaryBodyAndTags_AreAllSearched()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Stadtbahn fährt", "2025-02-01", "[]"), "titel.md");
        await db.SaveAsync(ArticleFile.With("Zweites", "2025-02-02", "[]", extra: "summary: \"Die Stadtbahn im Vorspann.\""), "vorspann.md");
        await db.SaveAsync(ArticleFile.With("Drittes", "2025-02-03", "[]", body: "Erst.\n\nDann die **Stadt**bahn."), "text.md");
        await db.SaveAsync(ArticleFile.With("Viertes", "2025-02-04", "[Stadtbahn]"), "thema.md");
        await AddFillerAsync(db);

        Assert.Equal(["stadtbahn-faehrt", "viertes", "zweites", "drittes"], await SlugsFoundAsync(db, "stadtbahn"));
    }

    [Fact]
    public async Task TitleMatch_RanksAboveNewerBodyOnlyMatches()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Käfer entdeckt", "2025-01-10", "[]", body: "Ein Fund im Wald."), "titel.md");
        await db.SaveAsync(ArticleFile.With("Waldbericht", "2025-03-10", "[]", body: "Der Käfer, noch ein Käfer, viele Käfer."), "text.md");
        await AddFillerAsync(db);

        Assert.Equal(["kaefer-entdeckt", "waldbericht"], await SlugsFoundAsync(db, "käfer"));
    }

    [Fact]
    public async Task EqualScores_GoToTheNewerArticleFirst()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Streik", "2025-01-10", "[]", body: "Der Streik."), "alt.md");
        await db.SaveAsync(ArticleFile.With("Streik", "2025-03-10", "[]", body: "Der Streik."), "neu.md");
        await db.SaveAsync(ArticleFile.With("Streik", "2025-02-10", "[]", body: "Der Streik."), "mitte.md");
        await AddFillerAsync(db);

        Assert.Equal(["streik-2", "streik-3", "streik"], await SlugsFoundAsync(db, "streik"));
    }

    [Fact]
    public async Task SeveralWords_MustAllMatch()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Köln baut", "2025-02-01", "[]", body: "Die Stadtbahn wächst."), "koeln.md");
        await db.SaveAsync(ArticleFile.With("Bonn baut", "2025-02-02", "[]", body: "Die Stadtbahn wächst."), "bonn.md");
        await db.SaveAsync(ArticleFile.With("Köln feiert", "2025-02-03", "[]", body: "Karneval."), "karneval.md");

        Assert.Equal(["koeln-baut"], await SlugsFoundAsync(db, "koln stadtbahn"));
        Assert.Equal(["koeln-baut"], await SlugsFoundAsync(db, "Stadt, Köl!"));
        Assert.Empty(await SlugsFoundAsync(db, "köln stadtbahn karneval"));
    }

    [Theory]
    [InlineData("col:x")]
    [InlineData("title:Köln")]
    [InlineData("body:*")]
    [InlineData("' OR 1=1 --")]
    [InlineData("'; DROP TABLE articles; --")]
    [InlineData("NEAR(a b)")]
    [InlineData("NEAR(Köln Stadtbahn, 2)")]
    [InlineData("a AND b")]
    [InlineData("Köln OR")]
    [InlineData("-x")]
    [InlineData("^x")]
    [InlineData("\"unbalanced")]
    [InlineData("\"Köln\"* {title summary}: x")]
    [InlineData("🙂 Köln 🙂")]
    [InlineData("\u202EnlöK")]
    [InlineData("\0Köln\u0001")]
    public async Task HostileInput_IsSearchedAsWordsAndNeverThrows(string text)
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Köln baut", "2025-02-01", "[]", body: "Die Stadtbahn wächst."), "koeln.md");

        var hits = await SearchAsync(db, text);

        Assert.Equal(hits.Items.Count, hits.TotalCount);
        Assert.Equal(1, await db.Articles.CountAsync(Token));
    }

    [Fact]
    public async Task OperatorsAndColumnFilters_AreJustWords()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Köln baut", "2025-02-01", "[]", body: "Die Stadtbahn wächst."), "koeln.md");
        await db.SaveAsync(ArticleFile.With("Bonn baut", "2025-02-02", "[]", body: "Die Stadtbahn wächst."), "bonn.md");

        // Were "-" FTS5's NOT, or "title:" its column filter, these would find Bonn or nothing.
        Assert.Equal(["koeln-baut"], await SlugsFoundAsync(db, "Köln -Stadtbahn"));
        Assert.Equal(["koeln-baut"], await SlugsFoundAsync(db, "\u202EKöln"));
        Assert.Empty(await SlugsFoundAsync(db, "title:Köln"));
        Assert.Equal(["bonn-baut", "koeln-baut"], await SlugsFoundAsync(db, "\"baut"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("***")]
    [InlineData("NEAR(")]
    [InlineData("🙂")]
    public async Task InputWithoutAWord_FindsNothingWithoutAskingTheIndex(string text)
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Köln baut", "2025-02-01", "[]"), "koeln.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            // Any query against the index would now fail.
            await connection.ExecuteAsync("DROP TABLE article_search;");
        }

        var hits = await SearchAsync(db, text, page: 3);

        Assert.Empty(hits.Items);
        Assert.Equal(0, hits.TotalCount);
        Assert.Equal(3, hits.Page);
    }

    [Fact]
    public async Task FiveThousandCharacters_SearchTheFirst200Only()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Köln baut", "2025-02-01", "[]", body: "Die Stadtbahn wächst."), "koeln.md");
        var text = "Stadtbahn " + new string(' ', 190) + string.Concat(Enumerable.Repeat("Karneval ", 540));

        // "Karneval" starts after the first 200 characters; were it searched, nothing would be found.
        Assert.True(text.Length >= 5000);
        Assert.Equal(["koeln-baut"], await SlugsFoundAsync(db, text));
    }

    [Fact]
    public async Task Snippet_ComesFromTheBodyWithTheMatchesMarked()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Diplomatie", "2025-02-01", "[]",
            body: "Am Montag begannen in Genf die Gespräche. Beide Seiten nannten die Gespräche offen.",
            extra: "summary: \"Ein Treffen in Genf.\""), "d.md");

        var hit = Assert.Single((await SearchAsync(db, "gesprache")).Items);

        Assert.Equal("Am Montag begannen in Genf die <mark>Gespräche</mark>. Beide Seiten nannten die <mark>Gespräche</mark> offen.", hit.SnippetHtml);
        Assert.Equal("Diplomatie", hit.Title);
        Assert.Equal(("Test Autorin", "test-autorin"), (hit.AuthorName, hit.AuthorSlug));
        Assert.Equal(new DateTimeOffset(2025, 1, 31, 23, 0, 0, TimeSpan.Zero), hit.PublishedAt);
    }

    [Fact]
    public async Task Snippet_OfALongBody_IsAnExcerptAroundTheMatch()
    {
        await using var db = await TestDatabase.CreateAsync();
        var filler = string.Join(' ', Enumerable.Range(1, 60).Select(i => $"Wort{i}"));
        await db.SaveAsync(ArticleFile.With("Lang", "2025-02-01", "[]", body: $"{filler} Sacharowa {filler}"), "lang.md");

        var snippet = Assert.Single((await SearchAsync(db, "sacharowa")).Items).SnippetHtml;

        Assert.Contains("<mark>Sacharowa</mark>", snippet, StringComparison.Ordinal);
        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.InRange(snippet.Split(' ').Length, 10, 24);
    }

    [Fact]
    public async Task Snippet_ComesFromTheSummary_WhenTheBodyHasNoMatch()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Sacharowa in Genf", "2025-02-01", "[]", body: "Kein Name hier.",
            extra: "summary: \"Ein Treffen in Genf.\""), "d.md");

        var hit = Assert.Single((await SearchAsync(db, "sacharowa")).Items);

        Assert.Equal("Ein Treffen in Genf.", hit.SnippetHtml);
        Assert.Equal("Ein Treffen in <mark>Genf</mark>.", Assert.Single((await SearchAsync(db, "sacharowa genf")).Items).SnippetHtml);
    }

    [Fact]
    public async Task Snippet_EscapesMarkupFromTheArticle_AndOnlyFts5CanMark()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Gift", "2025-02-01", "[]",
            body: "<script>alert(1)</script> Der \uE000Giftmischer\uE001 & <b>Sacharowa</b>."), "gift.md");

        var snippet = Assert.Single((await SearchAsync(db, "sacharowa")).Items).SnippetHtml;

        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; Der Giftmischer &amp; &lt;b&gt;<mark>Sacharowa</mark>&lt;/b&gt;.", snippet);
    }

    [Fact]
    public async Task DraftsTrashedAndScheduledArticles_AreNeverFound()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Käfer sichtbar", "2025-02-01", "[]"), "sichtbar.md");
        await db.SaveAsync(ArticleFile.With("Käfer Entwurf", "2025-02-01", "[]", extra: "draft: true"), "entwurf.md");
        await db.SaveAsync(ArticleFile.With("Käfer geplant", "2025-07-01", "[]"), "geplant.md");
        var trashed = await db.SaveAsync(ArticleFile.With("Käfer im Papierkorb", "2025-02-01", "[]"), "papierkorb.md");
        await db.Articles.SetTrashedAsync(trashed.ArticleId, trashed: true, "redaktion", Token);

        var hits = await SearchAsync(db, "käfer");
        Assert.Equal(["kaefer-sichtbar"], hits.Items.Select(h => h.Slug));
        Assert.Equal(1, hits.TotalCount);

        // Restoring and the passing of time change visibility without touching the index.
        await db.Articles.SetTrashedAsync(trashed.ArticleId, trashed: false, "redaktion", Token);
        db.Clock.Now = new DateTimeOffset(2025, 7, 2, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(["kaefer-geplant", "kaefer-im-papierkorb", "kaefer-sichtbar"], (await SlugsFoundAsync(db, "käfer")).Order());
    }

    [Fact]
    public async Task AnEdit_ReplacesTheIndexedText()
    {
        await using var db = await TestDatabase.CreateAsync();
        var created = await db.Articles.CreateAsync(
            TestDatabase.Parser.Parse("Editor", ArticleFile.With("Verkehr", "2025-02-01", "[Straßenbahn]", body: "Die Stadtbahn fährt.")), Anna, Token);

        await db.Articles.UpdateAsync(created.ArticleId, 1,
            TestDatabase.Parser.Parse("Editor", ArticleFile.With("Verkehrswende", "2025-02-01", "[Fahrrad]", body: "Der Radweg wächst.")), Anna, Token);

        Assert.Empty(await SlugsFoundAsync(db, "stadtbahn"));
        Assert.Empty(await SlugsFoundAsync(db, "straßenbahn"));
        Assert.Equal(["verkehr"], await SlugsFoundAsync(db, "radweg"));
        Assert.Equal(["verkehr"], await SlugsFoundAsync(db, "fahrrad"));
        Assert.Equal(["verkehr"], await SlugsFoundAsync(db, "verkehrswende"));
        await using var connection = await db.Database.OpenAsync(Token);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM article_search;"));
    }

    [Fact]
    public async Task ADryRunImport_LeavesTheIndexAsItWas()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = TestDatabase.NewDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), ArticleFile.With("Verkehr", "2025-02-01", "[]", body: "Die Stadtbahn fährt."), Token);
        var importer = new ArticleImporter(TestDatabase.Parser, TestDatabase.ProfileParser, db.Articles, db.Authors, ArticleFileLimit.Default);
        await importer.ImportFolderAsync(folder, cancellationToken: Token);

        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), ArticleFile.With("Verkehr", "2025-02-01", "[]", body: "Der Radweg wächst."), Token);
        await File.WriteAllTextAsync(Path.Combine(folder, "b.md"), ArticleFile.With("Neu", "2025-02-01", "[]", body: "Ein Radweg mehr."), Token);
        var report = await importer.ImportFolderAsync(folder, dryRun: true, Token);

        Assert.Equal((1, 1), (report.Created, report.Updated));
        Assert.Equal(["verkehr"], await SlugsFoundAsync(db, "stadtbahn"));
        Assert.Empty(await SlugsFoundAsync(db, "radweg"));
    }

    [Fact]
    public async Task Paging_CountsAllHitsAndPagesThroughThem()
    {
        await using var db = await TestDatabase.CreateAsync();
        for (var day = 1; day <= 5; day++)
        {
            await db.SaveAsync(ArticleFile.With($"Streik {day}", $"2025-01-0{day}", "[]"), $"{day}.md");
        }

        var first = await SearchAsync(db, "streik", page: 1, pageSize: 2);
        var last = await SearchAsync(db, "streik", page: 3, pageSize: 2);
        var beyond = await SearchAsync(db, "streik", page: 4, pageSize: 2);

        Assert.Equal(["streik-5", "streik-4"], first.Items.Select(h => h.Slug));
        Assert.Equal((5, 3), (first.TotalCount, first.TotalPages));
        Assert.Equal(["streik-1"], last.Items.Select(h => h.Slug));
        Assert.Empty(beyond.Items);
        Assert.Equal(5, beyond.TotalCount);
    }

    [Fact]
    public async Task ADatabaseFromVersion3_GetsItsArticlesIndexed()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Köln baut", "2025-02-01", "[Verkehr]", body: "Die Stadtbahn wächst."), "koeln.md");
        await db.SaveAsync(ArticleFile.With("Bonn baut", "2025-02-02", "[]", body: "Der Radweg wächst."), "bonn.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            // What version 3 looked like: the same articles, no search table.
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion3Sql);
        }

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 3), await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token));
        Assert.Empty(await SlugsFoundAsync(db, "stadtbahn"));

        Assert.Equal(2, await db.Search.IndexUnindexedArticlesAsync(Token));

        Assert.Equal(["koeln-baut"], await SlugsFoundAsync(db, "stadtbahn"));
        Assert.Equal(["koeln-baut"], await SlugsFoundAsync(db, "verkehr"));
        Assert.Equal(["bonn-baut", "koeln-baut"], await SlugsFoundAsync(db, "wachst"));
        Assert.Equal(0, await db.Search.IndexUnindexedArticlesAsync(Token));
        await using var check = await db.Database.OpenAsync(Token);
        Assert.Equal(2, await check.ExecuteScalarAsync<int>("SELECT count(*) FROM article_search;"));
    }

    [Fact]
    public async Task Backfill_IndexesOnlyArticlesWithoutASearchRow()
    {
        await using var db = await TestDatabase.CreateAsync();
        var koeln = await db.SaveAsync(ArticleFile.With("Köln baut", "2025-02-01", "[]", body: "Die Stadtbahn wächst."), "koeln.md");
        await db.SaveAsync(ArticleFile.With("Bonn baut", "2025-02-02", "[]", body: "Der Radweg wächst."), "bonn.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            await connection.ExecuteAsync("DELETE FROM article_search WHERE rowid = @Id;", new { Id = koeln.ArticleId });
        }

        Assert.Equal(["bonn-baut"], await SlugsFoundAsync(db, "baut"));
        Assert.Equal(1, await db.Search.IndexUnindexedArticlesAsync(Token));
        Assert.Equal(["bonn-baut", "koeln-baut"], await SlugsFoundAsync(db, "baut"));
    }

    [Fact]
    public async Task ADatabaseFromVersion11_GetsItsIndexMadeAnewInTerms_AtTheNextStart()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Köln baut", "2025-02-01", "[]", body: "Die Straße wächst."), "koeln.md");
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            // Version 11 indexed the text itself; the downgrade leaves that table empty, as a rebuild would find it.
            await connection.ExecuteAsync(SchemaDowngrade.ToVersion11Sql);
        }

        Assert.Equal(SqliteSchemaMigrator.All.Count(m => m.Version > 11), await new SqliteSchemaMigrator(db.Database).MigrateAsync(Token));
        Assert.Equal(1, await db.Search.IndexUnindexedArticlesAsync(Token));

        Assert.Equal(["koeln-baut"], await SlugsFoundAsync(db, "koeln strasse"));
        await using var check = await db.Database.OpenAsync(Token);
        Assert.Equal("koln baut", await check.ExecuteScalarAsync<string>("SELECT title FROM article_search;"));
        Assert.Contains("strass", await check.QueryAsync<string>("SELECT term FROM search_terms;"));
    }
}

