using NewsSite.Core.Markdown;
using NewsSite.Core.SitePages;

namespace NewsSite.Core.Tests.Data.Contracts;

/// <summary>Fixed pages: stored whole, unchanged saves change nothing, and every change reaches every page's cache.</summary>
public abstract class SitePageStoreContract : StoreContract
{
    private static readonly SitePageParser Parser = new(new MarkdownRenderer());

    private static SitePageContent Page(string slug, string title, string markdown) => Parser.Prepare(slug, title, markdown);

    [Fact]
    public async Task Save_CreatesThenUpdates_AndTheSameTextAgainChangesNothing()
    {
        await using var s = await CreateStorageAsync();

        Assert.Equal(SitePageWriteKind.Created, await s.Storage.SitePages.SaveAsync(Page("impressum", "Impressum", "Musterverlag"), "anna", cancellationToken: Token));
        var afterCreate = await s.Storage.Journal.FindLastChangeIdAsync(Token);
        Assert.Equal(SitePageWriteKind.Unchanged, await s.Storage.SitePages.SaveAsync(Page("impressum", "Impressum", "Musterverlag"), "ben", cancellationToken: Token));
        Assert.Equal(afterCreate, await s.Storage.Journal.FindLastChangeIdAsync(Token));
        Assert.Equal(SitePageWriteKind.Updated, await s.Storage.SitePages.SaveAsync(Page("impressum", "Impressum", "## Anschrift\n\nMusterverlag GmbH"), "ben", cancellationToken: Token));

        var page = await s.Storage.SitePages.FindAsync("impressum", Token);
        Assert.Equal("Impressum", page!.Title);
        Assert.Contains("<h2 id=\"anschrift\">Anschrift</h2>", page.BodyHtml, StringComparison.Ordinal);
        var editable = await s.Storage.SitePages.FindEditableAsync("impressum", Token);
        Assert.Equal(("## Anschrift\n\nMusterverlag GmbH", "ben"), (editable!.Markdown, editable.UpdatedBy));
        Assert.Null(await s.Storage.SitePages.FindAsync("datenschutz", Token));
    }

    [Fact]
    public async Task List_IsInGermanTitleOrder()
    {
        await using var s = await CreateStorageAsync();
        foreach (var (slug, title) in new[] { ("ueber-uns", "Über uns"), ("impressum", "Impressum"), ("datenschutz", "Datenschutz"), ("agb", "AGB") })
        {
            await s.Storage.SitePages.SaveAsync(Page(slug, title, "Text."), "anna", cancellationToken: Token);
        }

        var links = await s.Storage.SitePages.ListAsync(Token);

        Assert.Equal(["AGB", "Datenschutz", "Impressum", "Über uns"], links.Select(l => l.Title));
    }

    [Fact]
    public async Task EverySaveAndDelete_IsJournaledAsAChangeOfEveryPage()
    {
        await using var s = await CreateStorageAsync();
        var start = await s.Storage.Journal.FindLastChangeIdAsync(Token);

        await s.Storage.SitePages.SaveAsync(Page("kontakt", "Kontakt", "Text."), "anna", cancellationToken: Token);
        Assert.True(await s.Storage.SitePages.DeleteAsync("kontakt", Token));
        Assert.False(await s.Storage.SitePages.DeleteAsync("kontakt", Token));

        var changes = (await s.Storage.Journal.ReadPendingChangesAsync(start, s.Now, s.Now, Token)).Changes;
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.True(c.WholeSite));
        Assert.Null(await s.Storage.SitePages.FindAsync("kontakt", Token));
    }

    [Fact]
    public async Task DryRun_StoresNothing()
    {
        await using var s = await CreateStorageAsync();

        Assert.Equal(SitePageWriteKind.Created, await s.Storage.SitePages.SaveAsync(Page("impressum", "Impressum", "Text."), "import", dryRun: true, Token));

        Assert.Empty(await s.Storage.SitePages.ListAsync(Token));
    }
}
