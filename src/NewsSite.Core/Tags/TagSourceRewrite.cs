using NewsSite.Core.Articles;
using NewsSite.Core.Editing;

namespace NewsSite.Core.Tags;

/// <summary>
/// The <c>tags:</c> line of an article's source after a rename, merge or removed alias (decision 0018): the tags an
/// editor renamed are written with their new name, each tag once, in the author's order; every other line stays as
/// written (<see cref="FrontMatterEditor"/>).
/// </summary>
public static class TagSourceRewrite
{
    /// <param name="renamed">For each normalized name (<see cref="TagName.Key"/>) that changes, the name to write instead.</param>
    /// <returns>The new source, or null when it names none of them (or cannot be read, which a stored source always can).</returns>
    public static string? Rewrite(string markdown, IReadOnlyDictionary<string, string> renamed)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(renamed);
        IReadOnlyList<TagName> tags;
        try
        {
            tags = FrontMatterReader.Read("Quelle", markdown).FrontMatter.Tags;
        }
        catch (ArticleFormatException)
        {
            return null;
        }

        if (!tags.Any(t => renamed.ContainsKey(t.Key)))
        {
            return null;
        }

        // Two names that now mean one tag ("Koeln" merged into "Köln" in a list that had both) keep the first place.
        var names = tags
            .Select(t => renamed.TryGetValue(t.Key, out var name) ? name : t.Display)
            .DistinctBy(name => TagName.TryCreate(name)!.Key, StringComparer.Ordinal)
            .ToList();
        return FrontMatterEditor.Apply(markdown, [new("tags", YamlText.List(names))]);
    }
}
