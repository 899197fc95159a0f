namespace NewsSite.Core.Editing;

/// <summary>What an editor was typing into one article's form, as the server last received it.</summary>
/// <param name="ArticleId">0 for a new article that has no id yet.</param>
/// <param name="BaseRevision">The article revision the editor started from; 0 for a new article.</param>
public sealed record Autosave(string UserName, long ArticleId, int BaseRevision, EditorForm Form, DateTimeOffset SavedAt);

/// <summary>
/// Autosaves (decision 0014): one per editor and article, replaced by every autosave, deleted when the editor saves or
/// discards it, and pruned after some weeks. Not a revision: no reader page, feed, search or cache ever reads them, and
/// writing one changes nothing public, so it is never journalled.
/// </summary>
public interface IAutosaveStore
{
    /// <summary>Stores the form as this editor's autosave of the article, replacing the one before.</summary>
    Task SaveAsync(string userName, long articleId, int baseRevision, EditorForm form, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<Autosave?> FindAsync(string userName, long articleId, CancellationToken cancellationToken = default);

    /// <returns>Whether there was one.</returns>
    Task<bool> DeleteAsync(string userName, long articleId, CancellationToken cancellationToken = default);

    /// <summary>Removes every autosave saved before <paramref name="olderThan"/>, of every editor.</summary>
    /// <returns>How many.</returns>
    Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default);
}
