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
    string? Ressort = null,
    FrontMatterImage? Image = null)
{
    /// <summary>The article's public corrections, oldest first, as the file lists them (<c>corrections:</c>).</summary>
    public IReadOnlyList<ArticleCorrection> Corrections { get; init; } = [];

    /// <summary>The byline's further names after <see cref="Author"/>, in order (<c>authors: [A, B, …]</c>).</summary>
    public IReadOnlyList<string> CoAuthors { get; init; } = [];

    /// <summary>Every name of the byline as the file gives it; empty when it names none (the default author).</summary>
    public IReadOnlyList<string> Authors => Author is null ? [] : [Author, .. CoAuthors];
}

/// <summary>
/// The lead picture as the front matter names it: <paramref name="Source"/> is an uploaded picture's address
/// (/bilder/…) or, in content/ and zips, a path relative to the Markdown file, which the import stores and replaces by
/// the address (<see cref="Images.PictureReferences"/>).
/// </summary>
public sealed record FrontMatterImage(string Source, string Alt, string? Caption, string? Credit, int Line);
