using NewsSite.Core.Accounts;
using NewsSite.Core.Articles;
using NewsSite.Core.Tests.Support;

namespace NewsSite.Core.Tests.Articles;

/// <summary>
/// The store's profile change (decision 0021): rename and new address with former addresses, sources rewritten as
/// revisions, the account link, refusals; and the pieces it is made of, the source rewrite and the lookalike warning.
/// </summary>
public class AuthorProfileStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string Article(string slug, string byline) =>
        $"---\ntitle: {slug}\nslug: {slug}\n{byline}\ndate: 2025-05-01T10:00:00\n---\n\nText.\n";

    [Fact]
    public async Task Rename_MovesTheAddress_KeepsTheOldOnes_AndRewritesEverySourceAsARevision()
    {
        await using var db = await TestDatabase.CreateAsync();
        var together = await db.SaveAsync(Article("gemeinsam", "authors: [Anna Berger, Markus Lehmann]"), "a.md");
        await db.SaveAsync(Article("allein", "author: Markus Lehmann # Kommentar bleibt"), "b.md");

        var change = await db.Authors.UpdateProfileAsync("markus-lehmann", new AuthorProfileEdit("Markus Lehmann-Schulz", "mls", null), "erika", Token);

        Assert.Equal(new AuthorProfileChange("Markus Lehmann-Schulz", "mls", 2), change);
        Assert.Equal("mls", await db.Authors.FindRedirectAsync("markus-lehmann", db.Clock.Now, Token));
        Assert.Equal("mls", await db.Authors.FindRedirectAsync("markus-lehmann-schulz", db.Clock.Now, Token));
        var newest = (await db.Editing.ListRevisionsAsync(together.ArticleId, Token)).MaxBy(r => r.Number)!;
        Assert.Equal(("erika", 2), (newest.OriginDetail, newest.Number));
        Assert.Contains("authors: [\"Anna Berger\", \"Markus Lehmann-Schulz\"]\n", newest.Markdown, StringComparison.Ordinal);
        var editing = await db.Authors.FindAuthorForEditingAsync("mls", Token);
        Assert.Equal(["markus-lehmann", "markus-lehmann-schulz"], editing!.FormerSlugs);

        // A file that still names the old name lands on the renamed author, not on a new one.
        await db.SaveAsync(Article("spaeter", "author: Markus Lehmann"), "c.md");
        Assert.Equal("mls", (await db.Published.FindPublishedAsync("spaeter", db.Clock.Now, Token))!.AuthorSlug);
    }

    [Fact]
    public async Task Rename_OfAnAuthorWithDraftsOnly_GivesNoRedirect()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(Article("geheim", "author: Paul Neu\ndraft: true"), "a.md");

        await db.Authors.UpdateProfileAsync("paul-neu", new AuthorProfileEdit("Paul Neumann", "paul-neumann", null), "erika", Token);

        Assert.Null(await db.Authors.FindRedirectAsync("paul-neu", db.Clock.Now, Token));
    }

    [Fact]
    public async Task TheAccountLink_IsOnePerAccount_AndGivesTheByline()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(Article("a", "authors: [Anna Berger, Max Weber]"), "a.md");
        await db.Users.AddAsync("anna", UserRole.Editor, "hash", Token);

        await db.Authors.UpdateProfileAsync("anna-berger", new AuthorProfileEdit("Anna Berger", "anna-berger", "anna"), "erika", Token);
        var e = await Assert.ThrowsAsync<AuthorProfileException>(() =>
            db.Authors.UpdateProfileAsync("max-weber", new AuthorProfileEdit("Max Weber", "max-weber", "anna"), "erika", Token));

        Assert.Equal("Anna Berger", await db.Authors.FindNameForAccountAsync("anna", Token));
        Assert.Equal("account", e.Field);
        Assert.Null(await db.Authors.FindNameForAccountAsync("max", Token));
        await db.Authors.UpdateProfileAsync("anna-berger", new AuthorProfileEdit("Anna Berger", "anna-berger", null), "erika", Token);
        Assert.Null(await db.Authors.FindNameForAccountAsync("anna", Token));
    }

    [Theory]
    [InlineData("Max Weber", "anna-berger", "name")]
    [InlineData("Anna Berger", "max-weber", "slug")]
    [InlineData("Anna Berger", "Anna", "slug")]
    [InlineData("Anna, B.", "anna-berger", "name")]
    [InlineData("", "anna-berger", "name")]
    public async Task ANameOrAddressOfAnotherAuthor_OrABadOne_IsRefused_AndNothingChanges(string name, string slug, string field)
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.SaveAsync(Article("a", "authors: [Anna Berger, Max Weber]"), "a.md");

        var e = await Assert.ThrowsAsync<AuthorProfileException>(() =>
            db.Authors.UpdateProfileAsync("anna-berger", new AuthorProfileEdit(name, slug, null), "erika", Token));

        Assert.Equal(field, e.Field);
        Assert.Equal(["Anna Berger", "Max Weber"], (await db.Published.FindPublishedAsync("a", db.Clock.Now, Token))!.Authors.Select(a => a.Name));
    }

    [Fact]
    public void SourceRewrite_ChangesOnlyTheAuthorsLine()
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal) { "markus-lehmann" };

        Assert.Equal("---\ntitle: T\nauthor: \"M. Lehmann\"\ntags: [A]\n---\nText.\n",
            AuthorSourceRewrite.Rewrite("---\ntitle: T\nauthor: Markus Lehmann\ntags: [A]\n---\nText.\n", slugs, "M. Lehmann"));
        Assert.Null(AuthorSourceRewrite.Rewrite("---\ntitle: T\nauthor: Anna\n---\nText.\n", slugs, "M. Lehmann"));
        Assert.Contains("authors: [\"Anna\", \"M. Lehmann\"]",
            AuthorSourceRewrite.Rewrite("---\ntitle: T\nauthors: [Anna, markus lehmann]\n---\nText.\n", slugs, "M. Lehmann"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Markus Lehman", "Markus Lehmann")]
    [InlineData("Marcus Lehmann", "Markus Lehmann")]
    [InlineData("Lena Schmitt", "Lena Schmidt")]
    public void Lookalikes_WarnOfANewNameCloseToAKnownOne(string typed, string known)
    {
        var warnings = new AuthorLookalikes([known, "Anna Berger"]).WarningsFor([typed]);

        Assert.StartsWith($"Autor „{typed}“ ähnelt „{known}“", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Lookalikes_DoNotWarnOfKnownNames_ShortNames_OrTheSameNewNameTwice()
    {
        var lookalikes = new AuthorLookalikes(["Markus Lehmann", "Uwe", "Anna Berger"]);

        // "Juergen Mueller" is "Jürgen Müller" already: both spellings lead to /autor/juergen-mueller, one author.
        Assert.Empty(lookalikes.WarningsFor(["markus lehmann", "Ute", "Max Weber", "Jürgen Müller", "Juergen Mueller"]));
        Assert.Single(lookalikes.WarningsFor(["Anna Bergen"]));
        Assert.Empty(lookalikes.WarningsFor(["Anna Bergen"]));
    }
}
