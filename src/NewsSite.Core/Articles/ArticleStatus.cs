namespace NewsSite.Core.Articles;

/// <summary>What a reader can see of an article, as the admin shows it. Derived, never stored.</summary>
public enum ArticleStatus
{
    Published,
    Scheduled,

    /// <summary>A draft submitted for review (<see cref="ReviewState.Pending"/>).</summary>
    InReview,
    Draft,
    Trashed,
}
