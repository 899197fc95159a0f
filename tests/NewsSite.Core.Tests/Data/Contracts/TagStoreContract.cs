using NewsSite.Core.Articles;
using NewsSite.Core.Tags;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>
/// The tag upkeep: rename, merge, aliases, former slugs, their journal entries, sources rewritten as revisions, and the
/// aliases as the import stores and the export reads them.
/// </summary>
public abstract class TagStoreContract : StoreContract
{
    private static async Task<TagSummary> TagAsync(StorageUnderTest s, string name) =>
        (await s.Storage.Tags.ListAsync(s.Now, Token)).Single(t => t.Name == name);

    private static async Task<List<string>> TagsOfAsync(StorageUnderTest s, string slug) =>
        [.. (await s.Storage.Published.FindPublishedAsync(slug, s.Now, Token))!.Tags.Select(t => t.Name)];

    private static async Task<Revision> CurrentRevisionAsync(StorageUnderTest s, long articleId) =>
        (await s.Storage.Editing.ListRevisionsAsync(articleId, Token)).MaxBy(r => r.Number)!;

    [Fact]
    public async Task List_HasEveryTagWithPublishedAndAllCounts_InGermanOrder()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Eins", tags: "Zoll, Ärzte"));
        await s.ImportAsync("b.md", Article("Zwei", tags: "Ärzte", draft: true));
        await s.ImportAsync("c.md", Article("Drei", tags: "Apfel, Ärzte", date: Iso(s.Now.AddDays(1))));

        var tags = await s.Storage.Tags.ListAsync(s.Now, Token);

        Assert.Equal(["Apfel:0:1", "Ärzte:1:3", "Zoll:1:1"], tags.Select(t => $"{t.Name}:{t.Published}:{t.Articles}"));
    }

    [Fact]
    public async Task Rename_MovesNameAndSlug_TheOldSlugLeadsToTheNewOne_TheOldNameBecomesAnAlias_SourcesSayTheNewName()
    {
        await using var s = await CreateStorageAsync();
        var written = await s.ImportAsync("a.md", Article("Dom", tags: "Koln, Kirche"));
        var koln = await TagAsync(s, "Koln");

        var change = await s.Storage.Tags.RenameAsync(koln.Id, "Köln", "erika", Token);

        Assert.Equal(new TagChange(koln.Id, "Köln", "koeln", 1, 1), change);
        Assert.Equal(["Köln", "Kirche"], await TagsOfAsync(s, "dom"));
        Assert.Equal("koeln", await s.Storage.Tags.FindRedirectAsync("koln", s.Now, Token));
        Assert.Equal([new TagAlias("Koln", "koln")], (await TagAsync(s, "Köln")).Aliases);
        var revision = await CurrentRevisionAsync(s, written.ArticleId);
        Assert.Equal((2, RevisionOrigin.Editor, "erika"), (revision.Number, revision.Origin, revision.OriginDetail));
        Assert.Contains("tags: [\"Köln\", \"Kirche\"]\n", revision.Markdown, StringComparison.Ordinal);
        Assert.Contains("title: \"Dom\"", revision.Markdown, StringComparison.Ordinal);

        // A file that still says "Koln" lands under "Köln", not in a new tag.
        await s.ImportAsync("b.md", Article("Rhein", tags: "Koln"));
        Assert.Equal(["Köln"], await TagsOfAsync(s, "rhein"));
        Assert.Equal(2, (await TagAsync(s, "Köln")).Articles);
    }

    [Fact]
    public async Task Rename_ChangingOnlyTheCase_KeepsTheSlug_AndLeavesNoRedirectOrAlias()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Dom", tags: "köln"));
        var koeln = await TagAsync(s, "köln");

        var change = await s.Storage.Tags.RenameAsync(koeln.Id, "Köln", "erika", Token);

        Assert.Equal(("Köln", "koeln", 1), (change.Name, change.Slug, change.SourcesRewritten));
        Assert.Empty((await TagAsync(s, "Köln")).Aliases);
        Assert.Null(await s.Storage.Tags.FindRedirectAsync("koeln", s.Now, Token));
    }

    [Fact]
    public async Task Rename_OntoAnotherTagsNameOrAlias_IsRefusedSuggestingTheMerge_AndChangesNothing()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Eins", tags: "Köln, Koeln, Bonn"));
        var koeln = await TagAsync(s, "Koeln");
        var bonn = await TagAsync(s, "Bonn");
        await s.Storage.Tags.AddAliasAsync(bonn.Id, "Beethovenstadt", Token);

        var taken = await Assert.ThrowsAsync<TagConflictException>(() => s.Storage.Tags.RenameAsync(koeln.Id, "KÖLN", "erika", Token));
        var alias = await Assert.ThrowsAsync<TagConflictException>(() => s.Storage.Tags.RenameAsync(koeln.Id, "beethovenstadt", "erika", Token));

        Assert.Equal("Das Schlagwort „Köln“ gibt es schon. Um beide zu einem zu machen, bitte „Koeln“ mit „Köln“ zusammenführen.", taken.Message);
        Assert.Equal("„beethovenstadt“ ist eine Variante von „Bonn“. Um „Koeln“ dort einzuordnen, bitte mit „Bonn“ zusammenführen.", alias.Message);
        Assert.Equal(("name", "name"), (taken.Field, alias.Field));
        Assert.Equal(["Bonn", "Koeln", "Köln"], (await s.Storage.Tags.ListAsync(s.Now, Token)).Select(t => t.Name));
        Assert.Equal(1, (await CurrentRevisionAsync(s, 1)).Number);
    }

    [Theory]
    [InlineData("", "Bitte einen Namen angeben")]
    [InlineData("   ", "Bitte einen Namen angeben")]
    [InlineData("!!!", "ergibt keine Adresse")]
    [InlineData("Köln, Bonn", "kein Komma")]
    [InlineData("Ein Name, der viel zu lang ist für ein einziges Schlagwort auf der Seite", "zu lang")]
    public async Task Rename_ToAnUnusableName_IsRefused_AndChangesNothing(string name, string reason)
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Eins", tags: "Köln"));
        var koeln = await TagAsync(s, "Köln");

        var refused = await Assert.ThrowsAsync<TagConflictException>(() => s.Storage.Tags.RenameAsync(koeln.Id, name, "erika", Token));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Equal("name", refused.Field);
        Assert.Equal(["Köln"], (await s.Storage.Tags.ListAsync(s.Now, Token)).Select(t => t.Name));
        await Assert.ThrowsAsync<TagNotFoundException>(() => s.Storage.Tags.RenameAsync(999, "Bonn", "erika", Token));
    }

    [Fact]
    public async Task Merge_GivesEveryArticleTheTargetOnce_AtTheEarlierPlace_AndTheMergedTagDisappears()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Nur A", tags: "Koeln, Verkehr"));
        await s.ImportAsync("b.md", Article("Beide", tags: "Verkehr, Köln, Rhein, Koeln"));
        await s.ImportAsync("c.md", Article("A zuerst", tags: "Koeln, Rhein, Köln"));
        await s.ImportAsync("d.md", Article("Entwurf", tags: "Koeln", draft: true));
        var from = await TagAsync(s, "Koeln");
        var into = await TagAsync(s, "Köln");

        var change = await s.Storage.Tags.MergeAsync(from.Id, into.Id, "erika", Token);

        Assert.Equal(new TagChange(into.Id, "Köln", into.Slug, 4, 4), change);
        Assert.Equal(["Köln", "Verkehr"], await TagsOfAsync(s, "nur-a"));
        Assert.Equal(["Verkehr", "Köln", "Rhein"], await TagsOfAsync(s, "beide"));
        Assert.Equal(["Köln", "Rhein"], await TagsOfAsync(s, "a-zuerst"));
        Assert.Equal(["Köln:3:4", "Rhein:2:2", "Verkehr:2:2"], (await s.Storage.Tags.ListAsync(s.Now, Token)).Select(t => $"{t.Name}:{t.Published}:{t.Articles}"));
        Assert.Equal([new TagAlias("Koeln", "koeln")], (await TagAsync(s, "Köln")).Aliases);
        Assert.Equal(into.Slug, await s.Storage.Tags.FindRedirectAsync(from.Slug, s.Now, Token));
        var listing = await s.Storage.Listings.ListPublishedAsync(ArticleScope.ForTag(into.Slug), 1, 10, s.Now, Token);
        Assert.Equal(["A zuerst", "Beide", "Nur A"], listing.Items.Select(t => t.Title).Order());
    }

    [Fact]
    public async Task Merge_RewritesEachSourceAsARevisionOfTheEditor_KeepingEveryOtherLine()
    {
        await using var s = await CreateStorageAsync();
        const string Source = "---\n# Kommentar bleibt\ntitle: \"Beide\"\nauthor: \"Anna Berger\"\ndate: 2025-05-01T10:00:00Z\ntags:\n  - Verkehr\n  - Koeln\n  - Köln\n---\n\nText.\n";
        var written = await s.ImportAsync("b.md", Source);
        var from = await TagAsync(s, "Koeln");

        await s.Storage.Tags.MergeAsync(from.Id, (await TagAsync(s, "Köln")).Id, "erika", Token);

        var revision = await CurrentRevisionAsync(s, written.ArticleId);
        Assert.Equal(
            "---\n# Kommentar bleibt\ntitle: \"Beide\"\nauthor: \"Anna Berger\"\ndate: 2025-05-01T10:00:00Z\ntags: [\"Verkehr\", \"Köln\"]\n---\n\nText.\n",
            revision.Markdown);
        Assert.Equal((2, RevisionOrigin.Editor, "erika"), (revision.Number, revision.Origin, revision.OriginDetail));
        Assert.Equal(StorageUnderTest.Parse(revision.Markdown).ContentHash, revision.ContentHash);
        var editable = (await s.Storage.Editing.FindForEditingAsync(written.ArticleId, Token))!;
        Assert.Equal((2, revision.Markdown), (editable.Revision, editable.Markdown));
    }

    [Fact]
    public async Task Merge_ThenImportingAFileWithTheMergedName_FilesItUnderTheTarget()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Alt", tags: "Koeln"));
        await s.ImportAsync("b.md", Article("Dom", tags: "Köln"));
        await s.Storage.Tags.MergeAsync((await TagAsync(s, "Koeln")).Id, (await TagAsync(s, "Köln")).Id, "erika", Token);

        await s.ImportAsync("c.md", Article("Neu", tags: "koeln, KOELN, Köln"));

        Assert.Equal(["Köln"], await TagsOfAsync(s, "neu"));
        Assert.Equal(["Köln"], (await s.Storage.Tags.ListAsync(s.Now, Token)).Select(t => t.Name));
    }

    [Fact]
    public async Task Merge_IntoItself_OrWithAnUnknownTag_IsRefused_AndChangesNothing()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Eins", tags: "Köln, Bonn"));
        var koeln = await TagAsync(s, "Köln");

        var itself = await Assert.ThrowsAsync<TagConflictException>(() => s.Storage.Tags.MergeAsync(koeln.Id, koeln.Id, "erika", Token));
        var unknownTarget = await Assert.ThrowsAsync<TagNotFoundException>(() => s.Storage.Tags.MergeAsync(koeln.Id, 999, "erika", Token));
        var unknownSource = await Assert.ThrowsAsync<TagNotFoundException>(() => s.Storage.Tags.MergeAsync(999, koeln.Id, "erika", Token));

        Assert.Equal(("into", "into", "from"), (itself.Field, unknownTarget.Field, unknownSource.Field));
        Assert.Contains("nicht mit sich selbst", itself.Message, StringComparison.Ordinal);
        Assert.Equal(["Köln", "Bonn"], await TagsOfAsync(s, "eins"));
        Assert.Equal(1, (await CurrentRevisionAsync(s, 1)).Number);
    }

    [Fact]
    public async Task Merge_JournalsOneEntry_NamingBothTagsAndTheVisibleArticlesWithTheirAuthors_NotTheDrafts()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Sichtbar", tags: "Koeln", author: "Erika Muster"));
        await s.ImportAsync("b.md", Article("Entwurf", tags: "Koeln", author: "Max Weber", draft: true));
        await s.ImportAsync("c.md", Article("Anderes", tags: "Köln", author: "Lena Schmidt"));
        var last = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        await s.Storage.Tags.MergeAsync((await TagAsync(s, "Koeln")).Id, (await TagAsync(s, "Köln")).Id, "erika", Token);

        var change = Assert.Single((await s.Storage.Journal.ReadPendingChangesAsync(last, s.Now, s.Now, Token)).Changes);
        Assert.Equal(["sichtbar"], change.ArticleSlugs);
        Assert.Equal(["koeln", "koeln-2"], change.TagSlugs.Order());
        Assert.Equal(["erika-muster"], change.AuthorSlugs);
        Assert.False(change.WholeSite);
    }

    [Fact]
    public async Task Merge_OfATagOnDraftsOnly_JournalsNothing()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Entwurf", tags: "Koeln", draft: true));
        await s.ImportAsync("b.md", Article("Anderes", tags: "Köln"));
        var last = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        await s.Storage.Tags.MergeAsync((await TagAsync(s, "Koeln")).Id, (await TagAsync(s, "Köln")).Id, "erika", Token);

        Assert.Empty((await s.Storage.Journal.ReadPendingChangesAsync(last, s.Now, s.Now, Token)).Changes);
    }

    [Fact]
    public async Task Rename_IsFoundBySearchUnderTheNewName()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Bericht", tags: "Flughafen"));
        await s.Storage.Tags.RenameAsync((await TagAsync(s, "Flughafen")).Id, "Luftfahrt", "erika", Token);

        var hits = await s.Storage.Search.SearchAsync("Luftfahrt", 1, 10, s.Now, Token);

        Assert.Equal(["Bericht"], hits.Hits.Items.Select(h => h.Title));
    }

    [Fact]
    public async Task Alias_ImportedOrWrittenInTheEditor_GivesTheArticleTheTag_OnceEvenBesideItsName()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Dom", tags: "Köln"));
        var alias = await s.Storage.Tags.AddAliasAsync((await TagAsync(s, "Köln")).Id, "Koeln", Token);

        await s.ImportAsync("b.md", Article("Import", tags: "koeln, Verkehr"));
        await s.CreateAsync(Article("Im Editor", tags: "Köln, KOELN"));

        Assert.Equal(new TagAlias("Koeln", "koeln"), alias);
        Assert.Equal(["Köln", "Verkehr"], await TagsOfAsync(s, "import"));
        Assert.Equal(["Köln"], await TagsOfAsync(s, "im-editor"));
        Assert.Equal(["Köln:3", "Verkehr:1"], (await s.Storage.Tags.ListAsync(s.Now, Token)).Select(t => $"{t.Name}:{t.Articles}"));
    }

    [Fact]
    public async Task Alias_ThatIsTheOwnName_AnotherTag_OrAnotherTagsAlias_IsRefused()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Eins", tags: "Köln, Koeln, Bonn"));
        var koeln = await TagAsync(s, "Köln");
        await s.Storage.Tags.AddAliasAsync((await TagAsync(s, "Bonn")).Id, "Bundesstadt", Token);

        var own = await Assert.ThrowsAsync<TagConflictException>(() => s.Storage.Tags.AddAliasAsync(koeln.Id, "KÖLN", Token));
        var other = await Assert.ThrowsAsync<TagConflictException>(() => s.Storage.Tags.AddAliasAsync(koeln.Id, "koeln", Token));
        var elsewhere = await Assert.ThrowsAsync<TagConflictException>(() => s.Storage.Tags.AddAliasAsync(koeln.Id, "Bundesstadt", Token));
        var empty = await Assert.ThrowsAsync<TagConflictException>(() => s.Storage.Tags.AddAliasAsync(koeln.Id, " ", Token));

        Assert.Contains("schon der Name dieses Schlagworts", own.Message, StringComparison.Ordinal);
        Assert.Equal("„Koeln“ ist ein eigenes Schlagwort (1 Artikel). Bitte „Koeln“ mit „Köln“ zusammenführen: Dann wird es von selbst eine Variante.", other.Message);
        Assert.Equal("„Bundesstadt“ ist schon eine Variante von „Bonn“.", elsewhere.Message);
        Assert.Equal("alias", empty.Field);
        Assert.Empty((await TagAsync(s, "Köln")).Aliases);
    }

    [Fact]
    public async Task RemovingAnAlias_KeepsTheArticlesTag_RewritesTheSourcesNamingIt_AndLaterFilesMakeATagOfTheirOwn()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Dom", tags: "Köln"));
        var koeln = await TagAsync(s, "Köln");
        await s.Storage.Tags.AddAliasAsync(koeln.Id, "Koeln", Token);
        var variant = await s.ImportAsync("b.md", Article("Variante", tags: "Koeln"));
        var last = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        var rewritten = await s.Storage.Tags.RemoveAliasAsync(koeln.Id, "koeln", "erika", Token);

        Assert.Equal(1, rewritten);
        Assert.Equal(["Köln"], await TagsOfAsync(s, "variante"));
        Assert.Contains("tags: [\"Köln\"]", (await CurrentRevisionAsync(s, variant.ArticleId)).Markdown, StringComparison.Ordinal);
        Assert.Empty((await s.Storage.Journal.ReadPendingChangesAsync(last, s.Now, s.Now, Token)).Changes);
        await s.ImportAsync("c.md", Article("Später", tags: "Koeln"));
        Assert.Equal(["Koeln"], await TagsOfAsync(s, "spaeter"));
        await Assert.ThrowsAsync<TagNotFoundException>(() => s.Storage.Tags.RemoveAliasAsync(koeln.Id, "Koeln", "erika", Token));
    }

    [Fact]
    public async Task FormerSlug_LeadsOnlyToATagWithAPublishedArticle()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Geheim", tags: "Rücktritt", draft: true));
        var tag = await TagAsync(s, "Rücktritt");

        await s.Storage.Tags.RenameAsync(tag.Id, "Rücktritt der Ministerin", "erika", Token);

        Assert.Null(await s.Storage.Tags.FindRedirectAsync("ruecktritt", s.Now, Token));
        Assert.Null(await s.Storage.Tags.FindRedirectAsync("gibt-es-nicht", s.Now, Token));
    }

    [Fact]
    public async Task AFormerSlug_TakenByANewTag_IsThatTagsAgain()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Eins", tags: "Koln"));
        await s.Storage.Tags.RenameAsync((await TagAsync(s, "Koln")).Id, "Köln", "erika", Token);
        await s.Storage.Tags.RemoveAliasAsync((await TagAsync(s, "Köln")).Id, "Koln", "erika", Token);

        await s.ImportAsync("b.md", Article("Zwei", tags: "Koln"));

        Assert.Equal("koln", (await TagAsync(s, "Koln")).Slug);
        Assert.Null(await s.Storage.Tags.FindRedirectAsync("koln", s.Now, Token));
        Assert.Equal(new TagLink("Koln", "koln"), await s.Storage.Published.FindTagAsync("koln", s.Now, Token));
    }

    [Fact]
    public async Task SeedAliases_FillsOnlyASiteWithoutAliases_MakingMissingTags_AllOrNothing()
    {
        await using var s = await CreateStorageAsync();
        TagAliasEntry[] entries = [new("Köln", ["Koeln", "Kölle"]), new("Bonn", ["Bundesstadt"])];

        Assert.Equal(3, await s.Storage.Tags.SeedAliasesAsync(entries, dryRun: true, Token));
        Assert.Empty(await s.Storage.Tags.ListAsync(s.Now, Token));
        Assert.Equal(3, await s.Storage.Tags.SeedAliasesAsync(entries, cancellationToken: Token));
        Assert.Equal(0, await s.Storage.Tags.SeedAliasesAsync([new("Bonn", ["Beethovenstadt"])], cancellationToken: Token));

        await s.ImportAsync("a.md", Article("Dom", tags: "KÖLLE"));
        Assert.Equal(["Köln"], await TagsOfAsync(s, "dom"));
        Assert.Equal(["Bonn:Bundesstadt", "Köln:Koeln Kölle"], (await s.Storage.Tags.ListAsync(s.Now, Token)).Select(t => $"{t.Name}:{string.Join(' ', t.Aliases.Select(a => a.Variant))}"));
        Assert.Equal([entries[1], entries[0]], await s.Storage.Export.ReadAllTagAliasesForExportAsync(Token), new EntryComparer());
    }

    [Fact]
    public async Task SeedAliases_NamingAnotherTagAsAnAlias_IsRefused_NothingStored()
    {
        await using var s = await CreateStorageAsync();
        await s.ImportAsync("a.md", Article("Eins", tags: "Koeln"));

        var refused = await Assert.ThrowsAsync<TagConflictException>(() =>
            s.Storage.Tags.SeedAliasesAsync([new("Bonn", ["Beuel"]), new("Köln", ["Koeln"])], cancellationToken: Token));

        Assert.Contains("„Koeln“ ist hier schon ein eigenes Schlagwort", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["Koeln"], (await s.Storage.Tags.ListAsync(s.Now, Token)).Select(t => t.Name));
    }

    private sealed class EntryComparer : IEqualityComparer<TagAliasEntry>
    {
        public bool Equals(TagAliasEntry? x, TagAliasEntry? y) =>
            x?.Name == y?.Name && (x?.Aliases ?? []).SequenceEqual(y?.Aliases ?? []);

        public int GetHashCode(TagAliasEntry obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
