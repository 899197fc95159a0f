namespace NewsSite.Core.Articles;

/// <summary>An article as readers see it at one moment: its address, tags, author, Ressort and whether it is visible.</summary>
/// <param name="RessortSlug">Null for an article without a Ressort.</param>
public sealed record ArticleFootprint(
    string Slug, string AuthorSlug, IReadOnlyList<string> TagSlugs, bool Visible, string? RessortSlug = null)
{
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
            Distinct(both.Select(f => f.AuthorSlug)))
        {
            RessortSlugs = Distinct(both.Select(f => f.RessortSlug).OfType<string>()),
        };
    }

    private static string[] Distinct(IEnumerable<string> slugs) => [.. slugs.Distinct(StringComparer.Ordinal)];
}
