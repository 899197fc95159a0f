namespace NewsSite.Core.Articles;

/// <summary>
/// An article as readers see it at one moment: its address, tags, author, Ressort and whether it is visible; and
/// (<see cref="ContentDiffers"/>) whether a write changed what they read in it.
/// </summary>
/// <param name="RessortSlug">Null for an article without a Ressort.</param>
public sealed record ArticleFootprint(
    string Slug, string AuthorSlug, IReadOnlyList<string> TagSlugs, bool Visible, string? RessortSlug = null)
{
    /// <summary>The co-authors' slugs after <see cref="AuthorSlug"/> (table article_authors).</summary>
    public IReadOnlyList<string> CoAuthorSlugs { get; init; } = [];

    /// <summary>Every author whose page and feeds show the article.</summary>
    public IEnumerable<string> AuthorSlugs => [AuthorSlug, .. CoAuthorSlugs];

    /// <summary>
    /// What a write of an article changed for readers: everything it showed before and shows after, or null when it was
    /// visible neither before nor after (a draft, a scheduled article), so that no reader can tell and nothing is
    /// journaled.
    /// </summary>
    public static ContentChange? Between(ArticleFootprint? before, ArticleFootprint? after)
    {
        if (before?.Visible != true && after?.Visible != true)
        {
            return null;
        }

        ArticleFootprint[] both = [.. new[] { before, after }.OfType<ArticleFootprint>()];
        return new ContentChange(
            0,
            Distinct(both.Select(f => f.Slug)),
            Distinct(both.SelectMany(f => f.TagSlugs)),
            Distinct(both.SelectMany(f => f.AuthorSlugs)))
        {
            RessortSlugs = Distinct(both.Select(f => f.RessortSlug).OfType<string>()),
        };
    }

    /// <summary>
    /// Whether readers read something else in the article itself: its title, byline, summary, text, tags, Ressort or
    /// lead picture (with its words). Not its address, its dates or its corrections (those say when it changed, not
    /// what), nor what only the file shows (comments, the feed id, how YAML is written). An editor's republish that
    /// changes any of these marks the article updated (docs/decisions/0019-corrections.md).
    /// </summary>
    public static bool ContentDiffers(ArticleContent before, ArticleContent after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.Title != after.Title
            || !before.AuthorNames.SequenceEqual(after.AuthorNames, StringComparer.Ordinal)
            || before.Summary != after.Summary
            || before.BodyHtml != after.BodyHtml
            || before.Ressort != after.Ressort
            || before.LeadPicture != after.LeadPicture
            || !before.Tags.Select(t => t.Display).SequenceEqual(after.Tags.Select(t => t.Display), StringComparer.Ordinal);
    }

    private static string[] Distinct(IEnumerable<string> slugs) => [.. slugs.Distinct(StringComparer.Ordinal)];
}
