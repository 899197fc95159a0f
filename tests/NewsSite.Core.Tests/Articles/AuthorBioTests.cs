using Dapper;
using Microsoft.Data.Sqlite;
using NewsSite.Core.Data;
using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>Bios: checked and rendered like articles, saved in one transaction, every version kept.</summary>
public class AuthorBioTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static AuthorProfileParser Bios => TestDatabase.ProfileParser;

    private static async Task<TestDatabase> WithAuthorAsync()
    {
        var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(ArticleFile.With("Eins", "2025-01-01", "[]").Replace("Test Autorin", "Anna Berger", StringComparison.Ordinal), "eins.md");
        return db;
    }

    [Fact]
    public void Bio_IsRenderedSafely_RawHtmlAsTextAndUnsafeLinksRemoved()
    {
        var bio = Bios.PrepareBio("\r\n  Anna schreibt über **Europa**. <script>alert(1)</script> [Klick](javascript:alert(2)) [Web](https://example.org)\r\n\r\n");

        Assert.Equal("Anna schreibt über **Europa**. <script>alert(1)</script> [Klick](javascript:alert(2)) [Web](https://example.org)", bio.Markdown);
        Assert.Contains("<strong>Europa</strong>", bio.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", bio.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", bio.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", bio.Html, StringComparison.Ordinal);
        Assert.Contains("Klick", bio.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org\"", bio.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \r\n\t ")]
    public void BlankBio_IsNoBio(string? markdown)
    {
        var bio = Bios.PrepareBio(markdown);

        Assert.True(bio.IsEmpty);
        Assert.Null(bio.Html);
    }

    [Fact]
    public void Bio_AtTheLimitIsFine_OneMoreCharacterIsRefusedInGerman()
    {
        Assert.Equal(AuthorProfileParser.MaxBioLength, Bios.PrepareBio(new string('a', AuthorProfileParser.MaxBioLength)).Markdown.Length);

        var e = Assert.Throws<AuthorBioException>(() => Bios.PrepareBio(new string('a', AuthorProfileParser.MaxBioLength + 1)));

        Assert.Equal("Die Biografie ist zu lang (5.001 Zeichen, höchstens 5.000).", e.Message);
    }

    [Fact]
    public void UnrenderableBio_IsRefusedInGerman()
    {
        var tooDeep = Assert.Throws<AuthorBioException>(() => Bios.PrepareBio(string.Concat(Enumerable.Repeat("> ", 100)) + "Text"));
        var control = Assert.Throws<AuthorBioException>(() => Bios.PrepareBio("Zeile eins\nZeile \u0007zwei"));

        Assert.Contains("zu tief verschachtelt", tooDeep.Message, StringComparison.Ordinal);
        Assert.Equal("Die Biografie enthält in Zeile 2 das unzulässige Steuerzeichen U+0007.", control.Message);
    }

    [Fact]
    public async Task SavedBios_AreAllKept_TheNewestIsTheAuthors()
    {
        await using var db = await WithAuthorAsync();

        var first = await db.Authors.SaveBioAsync("anna-berger", 0, Bios.PrepareBio("Erste *Fassung*."), "erika", Token);
        db.Clock.Now = db.Clock.Now.AddMinutes(5);
        var second = await db.Authors.SaveBioAsync("anna-berger", 1, Bios.PrepareBio("Zweite Fassung."), "max", Token);

        Assert.Equal((true, 1), (first.Changed, first.Version));
        Assert.Equal((true, 2), (second.Changed, second.Version));
        var details = await db.Authors.FindAuthorDetailsAsync("anna-berger", db.Clock.Now, Token);
        Assert.Equal("<p>Zweite Fassung.</p>\n", details!.BioHtml);
        var editable = await db.Authors.FindAuthorForEditingAsync("anna-berger", Token);
        Assert.Equal("Zweite Fassung.", editable!.Bio.Markdown);
        Assert.Equal(2, editable.BioVersion);
        Assert.Equal(
            ["2 max Zweite Fassung.", "1 erika Erste *Fassung*."],
            editable.History.Select(v => $"{v.Number} {v.OriginDetail} {v.Markdown}"));
        Assert.All(editable.History, v => Assert.Equal(RevisionOrigin.Editor, v.Origin));
        Assert.Equal(db.Clock.Now, editable.History[0].CreatedAt);
    }

    [Fact]
    public async Task RemovingTheBio_IsAVersionToo_AndThePageShowsNone()
    {
        await using var db = await WithAuthorAsync();
        await db.Authors.SaveBioAsync("anna-berger", 0, Bios.PrepareBio("Text."), "erika", Token);

        var removed = await db.Authors.SaveBioAsync("anna-berger", 1, Bios.PrepareBio("  "), "erika", Token);

        Assert.Equal(2, removed.Version);
        Assert.Null((await db.Authors.FindAuthorDetailsAsync("anna-berger", db.Clock.Now, Token))!.BioHtml);
        var editable = await db.Authors.FindAuthorForEditingAsync("anna-berger", Token);
        Assert.True(editable!.Bio.IsEmpty);
        Assert.Equal(["", "Text."], editable.History.Select(v => v.Markdown));
    }

    [Fact]
    public async Task SavingTheSameBio_WritesNoVersion()
    {
        await using var db = await WithAuthorAsync();
        await db.Authors.SaveBioAsync("anna-berger", 0, Bios.PrepareBio("Text."), "erika", Token);

        var again = await db.Authors.SaveBioAsync("anna-berger", 1, Bios.PrepareBio("Text.\n"), "max", Token);

        Assert.Equal((false, 1), (again.Changed, again.Version));
        Assert.Single((await db.Authors.FindAuthorForEditingAsync("anna-berger", Token))!.History);
    }

    [Fact]
    public async Task SavingAgainstAnOutdatedVersion_IsRefusedAndWritesNothing()
    {
        await using var db = await WithAuthorAsync();
        await db.Authors.SaveBioAsync("anna-berger", 0, Bios.PrepareBio("Von Erika."), "erika", Token);

        var e = await Assert.ThrowsAsync<AuthorBioConcurrencyException>(
            () => db.Authors.SaveBioAsync("anna-berger", 0, Bios.PrepareBio("Von Max."), "max", Token));

        Assert.Equal((1, "erika"), (e.CurrentVersion, e.ChangedBy));
        Assert.Contains("inzwischen geändert", e.Message, StringComparison.Ordinal);
        Assert.Equal("Von Erika.", (await db.Authors.FindAuthorForEditingAsync("anna-berger", Token))!.Bio.Markdown);
    }

    [Fact]
    public async Task UnknownAuthor_HasNoBioToSave()
    {
        await using var db = await WithAuthorAsync();

        await Assert.ThrowsAsync<AuthorNotFoundException>(() => db.Authors.SaveBioAsync("niemand", 0, Bios.PrepareBio("Text."), "erika", Token));
        Assert.Null(await db.Authors.FindAuthorForEditingAsync("niemand", Token));
    }

    [Fact]
    public async Task AFailedSave_LeavesTheAuthorAsItWas()
    {
        await using var db = await WithAuthorAsync();
        await db.Authors.SaveBioAsync("anna-berger", 0, Bios.PrepareBio("Alt."), "erika", Token);
        await using (var connection = await db.Database.OpenAsync(Token))
        {
            // The author's row is updated before the version is written; the version's failure must undo both.
            await connection.ExecuteAsync("CREATE TRIGGER refuse BEFORE INSERT ON author_bio_versions BEGIN SELECT RAISE(ABORT, 'kaputt'); END;");
        }

        await Assert.ThrowsAsync<StorageException>(() => db.Authors.SaveBioAsync("anna-berger", 1, Bios.PrepareBio("Neu."), "erika", Token));

        var details = await db.Authors.FindAuthorDetailsAsync("anna-berger", db.Clock.Now, Token);
        Assert.Equal("<p>Alt.</p>\n", details!.BioHtml);
    }

    [Fact]
    public async Task AuthorList_CountsArticlesOutsideTheTrash_InGermanOrder()
    {
        await using var db = await TestDatabase.CreateAsync();
        static string By(string author, string title, string extra = "") =>
            ArticleFile.With(title, "2025-01-01", "[]", extra: extra).Replace("Test Autorin", author, StringComparison.Ordinal);
        await db.SaveAsync(By("Zoe Zander", "Eins"), "eins.md");
        await db.SaveAsync(By("Özlem Arslan", "Zwei"), "zwei.md");
        await db.SaveAsync(By("Özlem Arslan", "Drei", "draft: true"), "drei.md");
        var trashed = await db.SaveAsync(By("Özlem Arslan", "Vier"), "vier.md");
        await db.Articles.SetTrashedAsync(trashed.ArticleId, trashed: true, "redaktion", Token);
        await db.SaveAsync(By("Anton Abel", "Fünf"), "fuenf.md");
        await db.Authors.SaveBioAsync("zoe-zander", 0, Bios.PrepareBio("Bio."), "erika", Token);

        var authors = await db.Authors.ListAuthorsForEditorsAsync(Token);

        Assert.Equal(
            ["Anton Abel 1/1 False", "Özlem Arslan 2/1 False", "Zoe Zander 1/1 True"],
            authors.Select(a => $"{a.Name} {a.Articles}/{a.Published} {a.HasBio}"));
    }
}
