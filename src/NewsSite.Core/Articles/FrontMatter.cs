using NewsSite.Core.Tags;

namespace NewsSite.Core.Articles;

/// <summary>The fixed shape of an article's YAML front matter; see docs/architecture.md for each field.</summary>
public sealed record FrontMatter(
    string Title,
    string? Slug,
    string? Author,
    DateTimeOffset? Date,
    DateTimeOffset? Updated,
    IReadOnlyList<TagName> Tags,
    string? Summary,
    bool Draft,
    string? FeedId,
    string? Ressort = null);
