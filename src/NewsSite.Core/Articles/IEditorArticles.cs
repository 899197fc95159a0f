namespace NewsSite.Core.Articles;

/// <summary>The admin's reads: every article whatever its status, its source and its history.</summary>
public interface IEditorArticles
{
    /// <summary>A page of the articles matching <paramref name="filter"/>, last modified first.</summary>
    Task<PagedList<EditorArticleSummary>> ListForEditorsAsync(
        EditorArticleFilter filter, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of the articles matching <paramref name="filter"/> in the order asked for (ties: last modified first), and
    /// the count of each status among the articles matching the rest of the filter, for the list's status links.
    /// </summary>
    Task<EditorArticleList> ListWithCountsAsync(
        EditorArticleFilter filter, EditorArticleSort sort, bool descending, int page, int pageSize, CancellationToken cancellationToken = default);

    Task<EditableArticle?> FindForEditingAsync(long articleId, CancellationToken cancellationToken = default);

    /// <summary>The history without the sources: a long-edited article's list stays small.</summary>
    Task<IReadOnlyList<RevisionInfo>> ListHistoryAsync(long articleId, CancellationToken cancellationToken = default);

    Task<Revision?> FindRevisionAsync(long articleId, int number, CancellationToken cancellationToken = default);

    /// <summary>Every revision with its source, oldest first.</summary>
    Task<IReadOnlyList<Revision>> ListRevisionsAsync(long articleId, CancellationToken cancellationToken = default);
}
