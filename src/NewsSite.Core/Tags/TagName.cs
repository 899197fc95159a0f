using System.Text;
using NewsSite.Core.Articles;

namespace NewsSite.Core.Tags;

/// <summary>
/// A tag as written by an author, plus the key that decides identity: "Köln", " köln " and "KÖLN" share one key
/// and so are one tag. The first spelling stored wins as the display name.
/// </summary>
public sealed record TagName
{
    public const int MaxLength = 50;

    private TagName(string display, string key, string slug)
    {
        Display = display;
        Key = key;
        Slug = slug;
    }

    public string Display { get; }

    public string Key { get; }

    public string Slug { get; }

    /// <summary>Null when the text is no usable tag (empty, too long); the caller words the error.</summary>
    public static TagName? TryCreate(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var display = CollapseWhitespace(text.Normalize(NormalizationForm.FormC));
        if (display.Length is 0 or > MaxLength)
        {
            return null;
        }

        return new TagName(display, display.ToLowerInvariant(), Articles.Slug.FromText(display, fallback: "thema"));
    }

    private static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
