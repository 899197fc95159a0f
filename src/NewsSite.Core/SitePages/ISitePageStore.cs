namespace NewsSite.Core.SitePages;

/// <summary>
/// The fixed pages. Every change is journaled as a change of every page, since each page's footer links them all:
/// they change seldom, and a renamed Datenschutz link must not linger anywhere.
/// </summary>
public interface ISitePageStore
{
    /// <summary>All pages in German title order ("Datenschutz", "Impressum", "Kontakt").</summary>
    Task<IReadOnlyList<SitePageLink>> ListAsync(CancellationToken cancellationToken = default);

    Task<SitePage?> FindAsync(string slug, CancellationToken cancellationToken = default);

    Task<EditableSitePage?> FindEditableAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the page with this slug; the same title and text again changes nothing.</summary>
    /// <param name="by">Who saved it: an account name, or "import: seiten/impressum.md".</param>
    Task<SitePageWriteKind> SaveAsync(SitePageContent page, string by, bool dryRun = false, CancellationToken cancellationToken = default);

    /// <returns>False when there was no such page.</returns>
    Task<bool> DeleteAsync(string slug, CancellationToken cancellationToken = default);
}
