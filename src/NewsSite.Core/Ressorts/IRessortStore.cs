namespace NewsSite.Core.Ressorts;

/// <summary>
/// The list of Ressorts that admins keep. Every change of the list is journaled as a change of the whole site: the
/// header navigation of every page shows it.
/// </summary>
public interface IRessortStore
{
    /// <summary>All Ressorts in the order of the navigation.</summary>
    Task<IReadOnlyList<Ressort>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>How many articles (drafts, scheduled and trashed included) each Ressort has, by id; absent means none.</summary>
    Task<IReadOnlyDictionary<long, int>> CountArticlesAsync(CancellationToken cancellationToken = default);

    Task<Ressort?> FindBySlugAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>The current slug of the Ressort that had <paramref name="oldSlug"/> before a change; null when none had.</summary>
    Task<string?> FindRedirectAsync(string oldSlug, CancellationToken cancellationToken = default);

    /// <summary>A new Ressort at the end of the navigation.</summary>
    /// <exception cref="RessortConflictException">The name or the slug is taken.</exception>
    Task<Ressort> AddAsync(RessortDraft draft, CancellationToken cancellationToken = default);

    /// <summary>
    /// Renames a Ressort or changes its slug. Its articles follow (they refer to it, not to its name); a former slug
    /// keeps answering with a redirect to the new one.
    /// </summary>
    /// <returns>False when there is no such Ressort.</returns>
    /// <exception cref="RessortConflictException">The name or the slug belongs to another Ressort. Another one's former slug is taken over: it leads here from then on.</exception>
    Task<bool> UpdateAsync(long id, RessortDraft draft, CancellationToken cancellationToken = default);

    /// <summary>Moves a Ressort one place up (towards the start of the navigation) or down; at either end nothing changes.</summary>
    /// <returns>False when there is no such Ressort.</returns>
    Task<bool> MoveAsync(long id, bool up, CancellationToken cancellationToken = default);

    /// <returns>False when there is no such Ressort.</returns>
    /// <exception cref="RessortConflictException">Articles still belong to it; nothing is deleted.</exception>
    Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The starter list of a content folder: stored in its order when the site has no Ressort yet, else ignored (the
    /// list is the admins' from then on). All or nothing.
    /// </summary>
    /// <returns>The number of Ressorts created: 0 when the site had some already.</returns>
    /// <exception cref="RessortConflictException">The list names a Ressort twice.</exception>
    Task<int> SeedAsync(IReadOnlyList<RessortDraft> starters, bool dryRun = false, CancellationToken cancellationToken = default);
}
