namespace NewsSite.Core.Articles;

/// <summary>An article as the export writes it: its row's facts and the Markdown of its current revision.</summary>
public sealed record ArticleForExport(
    string Slug, string Title, string Summary, string AuthorName, DateTimeOffset? PublishedAt, DateTimeOffset? UpdatedAt,
    bool IsDraft, bool IsTrashed, IReadOnlyList<string> Tags, string Markdown, string FeedKey, string? RessortName = null)
{
    /// <summary>The co-authors' names after <see cref="AuthorName"/>, in the byline's order.</summary>
    public IReadOnlyList<string> CoAuthorNames { get; init; } = [];
}

/// <summary>An author as the export writes their profile file.</summary>
public sealed record AuthorForExport(string Slug, string Name, string? BioMarkdown);

/// <summary>Every article and author, read for the export: drafts, scheduled and trashed articles included.</summary>
public interface IExportReads
{
    /// <summary>
    /// All articles in the order they were created, streamed, so that 100,000 of them never sit in memory at once; one
    /// moment of the site even while editors write.
    /// </summary>
    IAsyncEnumerable<ArticleForExport> ReadAllForExportAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuthorForExport>> ReadAllAuthorsForExportAsync(CancellationToken cancellationToken = default);

    /// <summary>The Ressort list in the order of the navigation, for the content folder's ressorts.yml.</summary>
    Task<IReadOnlyList<Ressorts.RessortDraft>> ReadAllRessortsForExportAsync(CancellationToken cancellationToken = default);

    /// <summary>Every tag that has aliases, with them, in German order, for the content folder's tags.yml.</summary>
    Task<IReadOnlyList<Tags.TagAliasEntry>> ReadAllTagAliasesForExportAsync(CancellationToken cancellationToken = default);
}
