namespace NewsSite.Core.Articles;

/// <summary>The admin's reads: every article whatever its status, its source and its history.</summary>
public interface IEditorArticles
{
    /// <summary>A page of the articles matching <paramref name="filter"/>, last modified first.</summary>
    Task<PagedList<EditorArticleSummary>> ListForEditorsAsync(
        EditorArticleFilter filter, int page, int pageSize, CancellationToken cancellationToken = default);

    Task<EditableArticle?> FindForEditingAsync(long articleId, CancellationToken cancellationToken = default);

    /// <summary>The history without the sources: a long-edited article's list stays small.</summary>
    Task<IReadOnlyList<RevisionInfo>> ListHistoryAsync(long articleId, CancellationToken cancellationToken = default);

    Task<Revision?> FindRevisionAsync(long articleId, int number, CancellationToken cancellationToken = default);

    /// <summary>Every revision with its source, oldest first.</summary>
    Task<IReadOnlyList<Revision>> ListRevisionsAsync(long articleId, CancellationToken cancellationToken = default);
}
