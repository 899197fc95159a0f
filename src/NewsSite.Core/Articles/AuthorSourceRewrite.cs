using NewsSite.Core.Editing;

namespace NewsSite.Core.Articles;

/// <summary>
/// The <c>author:</c> or <c>authors:</c> line of an article's source after an author's rename (decision 0021), as
/// <see cref="Tags.TagSourceRewrite"/> does for <c>tags:</c>: the renamed author's name is written anew, every other
/// name and line stays as written (<see cref="FrontMatterEditor"/>).
/// </summary>
public static class AuthorSourceRewrite
{
    /// <param name="slugs">The addresses the author's old names lead to (<see cref="Slug.ForAuthor"/>).</param>
    /// <returns>The new source, or null when it does not name the author (or cannot be read).</returns>
    public static string? Rewrite(string markdown, IReadOnlySet<string> slugs, string newName)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(slugs);
        FrontMatter front;
        try
        {
            front = FrontMatterReader.Read("Quelle", markdown).FrontMatter;
        }
        catch (ArticleFormatException)
        {
            return null;
        }

        var names = front.Authors;
        if (!names.Any(n => slugs.Contains(Slug.ForAuthor(n)) && n != newName))
        {
            return null;
        }

        var renamed = names.Select(n => slugs.Contains(Slug.ForAuthor(n)) ? newName : n).Distinct(StringComparer.Ordinal).ToList();
        return renamed.Count == 1
            ? FrontMatterEditor.Apply(markdown, [new("author", YamlText.Quote(renamed[0])), new(FrontMatterReader.AuthorsField, null)])
            : FrontMatterEditor.Apply(markdown, [new("author", null), new(FrontMatterReader.AuthorsField, YamlText.List(renamed))]);
    }
}
