namespace NewsSite.Core.Articles;

/// <summary>A row of the admin's article list.</summary>
public sealed record EditorArticleSummary(
    long Id,
    string Slug,
    string Title,
    string AuthorName,
    ArticleStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset ModifiedAt,
    IReadOnlyList<string> Tags,
    int Revision,
    string? Owner = null,
    string? Ressort = null);

/// <summary>
/// An article as the edit page opens it: the current revision's Markdown and the revision to save against; who began it
/// in the admin (null for an imported file) and where it stands in review.
/// </summary>
public sealed record EditableArticle(
    long Id,
    string Slug,
    string Title,
    ArticleStatus Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset ModifiedAt,
    int Revision,
    string Markdown,
    string? Owner = null,
    ReviewState Review = ReviewState.None);

/// <param name="Status">Null for every status.</param>
/// <param name="Text">
/// Matched as a substring of title, slug, author and tags, and by its words as the public search matches them
/// (<see cref="SearchQuery"/>) in title, summary, body and tags; null or blank for all.
/// </param>
/// <param name="ExcludeTrash">With no status given: everything but the trash.</param>
/// <param name="Owner">Only the articles this account began (a contributor's own list); null for all.</param>
/// <param name="RessortSlug">Only the articles of this Ressort; null for all.</param>
/// <param name="AuthorSlug">Only the articles of this author; null for all.</param>
/// <param name="Tag">Only the articles with the tag this name means (its own name or a variant); null for all.</param>
/// <param name="PublishedFrom">Only articles whose publication date is at or after this instant (drafts without one drop out).</param>
/// <param name="PublishedBefore">Only articles whose publication date lies before this instant.</param>
public sealed record EditorArticleFilter(
    ArticleStatus? Status,
    string? Text,
    bool ExcludeTrash = false,
    string? Owner = null,
    string? RessortSlug = null,
    string? AuthorSlug = null,
    Tags.TagName? Tag = null,
    DateTimeOffset? PublishedFrom = null,
    DateTimeOffset? PublishedBefore = null);

/// <summary>The columns the admin's list sorts by; titles, authors and Ressorts in German order (<see cref="GermanOrder"/>).</summary>
public enum EditorArticleSort
{
    /// <summary>Last change (the default, newest first).</summary>
    Modified,
    Published,
    Title,
    Author,
    Ressort,

    /// <summary>In the order of the workflow: Entwurf, Zur Prüfung, Geplant, Veröffentlicht, Papierkorb.</summary>
    Status,
}

/// <summary>A page of the admin's list, with how many articles of each status match the filter's other criteria.</summary>
/// <param name="Counts">Every status with its count (status and <see cref="EditorArticleFilter.ExcludeTrash"/> left out of the filter).</param>
/// <param name="TagFound">False when the filter names a tag that does not exist.</param>
public sealed record EditorArticleList(
    PagedList<EditorArticleSummary> Articles, IReadOnlyDictionary<ArticleStatus, int> Counts, bool TagFound = true);


/// <summary>A line of an article's history: who saved which revision when, without its text.</summary>
public sealed record RevisionInfo(int Number, RevisionOrigin Origin, string OriginDetail, DateTimeOffset CreatedAt);

/// <summary>A row of the admin's author list: all their articles but those in the trash, the published ones, and whether there is a bio.</summary>
public sealed record EditorAuthorSummary(string Name, string Slug, int Articles, int Published, bool HasBio);

/// <summary>An author as the bio form opens it: the current bio and the version to save against, and every saved version.</summary>
/// <param name="BioVersion">The number of the newest saved version; 0 while none was ever saved.</param>
public sealed record EditableAuthor(
    string Name, string Slug, AuthorBio Bio, int BioVersion, IReadOnlyList<AuthorBioVersion> History)
{
    /// <summary>The account the profile belongs to; null for none.</summary>
    public string? AccountName { get; init; }

    /// <summary>Former addresses that answer 301 to this author's page.</summary>
    public IReadOnlyList<string> FormerSlugs { get; init; } = [];
}

/// <summary>A saved version of a bio; an empty <paramref name="Markdown"/> is a bio that was removed.</summary>
public sealed record AuthorBioVersion(int Number, string Markdown, RevisionOrigin Origin, string OriginDetail, DateTimeOffset CreatedAt);
