using System.Text;
using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>Authors made by bylines, their bios with versions, and the import of profile files.</summary>
public abstract class AuthorStoreContract : StoreContract
{
    private static AuthorBio Bio(string markdown) => TestDatabase.ProfileParser.PrepareBio(markdown);

    private static AuthorProfile Profile(string slug, string text) =>
        TestDatabase.ProfileParser.Parse($"{slug}.md", slug, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Byline_CreatesTheAuthorOnce()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("A", author: "Jörg Müller"));
        await s.ImportAsync("b.md", Article("B", author: "Jörg Müller"));

        Assert.Equal(new AuthorLink("Jörg Müller", "joerg-mueller"), await s.Storage.Authors.FindAuthorAsync("joerg-mueller", s.Now, Token));
        Assert.Equal(1, (await s.Storage.Articles.CountContentsAsync(Token)).Authors);
        Assert.Null(await s.Storage.Authors.FindAuthorAsync("niemand", s.Now, Token));
    }

    [Fact]
    public async Task FindAuthor_OfUnpublishedArticlesOnly_IsNotFound_UntilOneIsPublished()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Entwurf", author: "Vera Verborgen", draft: true));
        await s.ImportAsync("b.md", Article("Geplant", author: "Vera Verborgen", date: Iso(s.Now.AddDays(1))));
        var trashed = await s.ImportAsync("c.md", Article("Papierkorb", author: "Vera Verborgen"));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);

        Assert.Null(await s.Storage.Authors.FindAuthorAsync("vera-verborgen", s.Now, Token));
        Assert.Null(await s.Storage.Authors.FindAuthorDetailsAsync("vera-verborgen", s.Now, Token));
        Assert.NotNull(await s.Storage.Authors.FindAuthorForEditingAsync("vera-verborgen", Token));
        Assert.Equal("Vera Verborgen", (await s.Storage.Authors.FindAuthorDetailsAsync("vera-verborgen", s.Now.AddDays(2), Token))!.Name);
    }

    [Fact]
    public async Task EditorList_IsInGermanOrder_CountingArticlesOutsideTheTrashAndPublishedOnes()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("A", author: "Zoe Zander"));
        await s.ImportAsync("b.md", Article("B", author: "Änne Ahrens"));
        await s.ImportAsync("c.md", Article("C", author: "Änne Ahrens", draft: true));
        var trashed = await s.ImportAsync("d.md", Article("D", author: "Änne Ahrens"));
        await s.Storage.Articles.SetTrashedAsync(trashed.ArticleId, true, "redaktion", Token);
        await s.ImportAsync("e.md", Article("E", author: "Bernd Bauer"));

        var authors = await s.Storage.Authors.ListAuthorsForEditorsAsync(Token);

        Assert.Equal(
            [new EditorAuthorSummary("Änne Ahrens", "aenne-ahrens", 2, 1, false), new EditorAuthorSummary("Bernd Bauer", "bernd-bauer", 1, 1, false),
             new EditorAuthorSummary("Zoe Zander", "zoe-zander", 1, 1, false)],
            authors);
    }

    [Fact]
    public async Task SaveBio_KeepsVersions_AndTheUnchangedBioWritesNothing()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("A", author: "Anna Berger"));

        var first = await s.Storage.Authors.SaveBioAsync("anna-berger", 0, Bio("Reporterin in **Köln**."), "ben", Token);
        var same = await s.Storage.Authors.SaveBioAsync("anna-berger", 1, Bio("Reporterin in **Köln**."), "ben", Token);
        var second = await s.Storage.Authors.SaveBioAsync("anna-berger", 1, Bio("Jetzt in Bonn."), "carl", Token);

        Assert.Equal((new AuthorBioWriteResult(true, 1), new AuthorBioWriteResult(false, 1)), (first, same));
        Assert.Equal(new AuthorBioWriteResult(true, 2), second);
        var editable = await s.Storage.Authors.FindAuthorForEditingAsync("anna-berger", Token);
        Assert.Equal(("Jetzt in Bonn.", 2), (editable!.Bio.Markdown, editable.BioVersion));
        Assert.Equal([(1, "ben"), (2, "carl")], editable.History.Select(v => (v.Number, v.OriginDetail)).Order());
        var details = await s.Storage.Authors.FindAuthorDetailsAsync("anna-berger", s.Now, Token);
        Assert.Contains("Bonn", details!.BioHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveBio_FromAStaleVersion_ThrowsConcurrencyAndKeepsTheNewerBio()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("A", author: "Anna Berger"));
        await s.Storage.Authors.SaveBioAsync("anna-berger", 0, Bio("Von Ben."), "ben", Token);

        var stale = await Assert.ThrowsAsync<AuthorBioConcurrencyException>(
            () => s.Storage.Authors.SaveBioAsync("anna-berger", 0, Bio("Von Carl."), "carl", Token));

        Assert.Equal((1, "ben"), (stale.CurrentVersion, stale.ChangedBy));
        Assert.Equal("Von Ben.", (await s.Storage.Authors.FindAuthorForEditingAsync("anna-berger", Token))!.Bio.Markdown);
    }

    [Fact]
    public async Task SaveBio_OfUnknownAuthor_ThrowsNotFound()
    {
        await using var s = await CreateStorageAsync();

        var missing = await Assert.ThrowsAsync<AuthorNotFoundException>(
            () => s.Storage.Authors.SaveBioAsync("niemand", 0, Bio("Text."), "ben", Token));

        Assert.Equal("niemand", missing.Slug);
    }

    [Fact]
    public async Task SaveProfile_CreatesTheAuthor_LeavesAnUnchangedFile_AndStoresAChangedOne()
    {
        await using var s = await CreateStorageAsync();

        var created = await s.Storage.Authors.SaveProfileAsync(Profile("jonas-weber", "---\nname: Jonas Weber\n---\nErste Bio."), "autoren/jonas-weber.md", cancellationToken: Token);
        var unchanged = await s.Storage.Authors.SaveProfileAsync(Profile("jonas-weber", "---\nname: Jonas Weber\n---\nErste Bio."), "autoren/jonas-weber.md", cancellationToken: Token);
        var updated = await s.Storage.Authors.SaveProfileAsync(Profile("jonas-weber", "---\nname: Jonas Weber\n---\nZweite Bio."), "autoren/jonas-weber.md", cancellationToken: Token);

        Assert.Equal([ProfileWriteKind.Created, ProfileWriteKind.Unchanged, ProfileWriteKind.Updated], [created.Kind, unchanged.Kind, updated.Kind]);
        var editable = await s.Storage.Authors.FindAuthorForEditingAsync("jonas-weber", Token);
        Assert.Equal(("Jonas Weber", "Zweite Bio.", 2), (editable!.Name, editable.Bio.Markdown.Trim(), editable.BioVersion));
        Assert.All(editable.History, v => Assert.Equal(RevisionOrigin.Import, v.Origin));
    }

    [Fact]
    public async Task SaveProfile_ExistingAuthorKeepsTheirName_AndDryRunStoresNothing()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("A", author: "Anna Berger"));

        await s.Storage.Authors.SaveProfileAsync(Profile("anna-berger", "Bio im Probelauf."), "anna-berger.md", dryRun: true, cancellationToken: Token);
        var afterDryRun = await s.Storage.Authors.FindAuthorForEditingAsync("anna-berger", Token);
        await s.Storage.Authors.SaveProfileAsync(Profile("anna-berger", "Nur eine Bio."), "anna-berger.md", cancellationToken: Token);
        var afterImport = await s.Storage.Authors.FindAuthorForEditingAsync("anna-berger", Token);

        Assert.Equal((0, ""), (afterDryRun!.BioVersion, afterDryRun.Bio.Markdown));
        Assert.Equal(("Anna Berger", 1), (afterImport!.Name, afterImport.BioVersion));
        Assert.Null(await s.Storage.Authors.FindAuthorForEditingAsync("niemand", Token));
    }
}
