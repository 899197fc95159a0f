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

    /// <summary>
    /// The German message for a name an editor gives a tag in the admin (a rename, an alias), or null when it is fine.
    /// Stricter than the front matter: the name must make an address of its own, and may hold no comma, which the
    /// editor's tag field reads as the end of a tag.
    /// </summary>
    public static string? ProblemWith(string? text)
    {
        var tag = TryCreate(text);
        if (tag is null)
        {
            return string.IsNullOrWhiteSpace(text)
                ? "Bitte einen Namen angeben, z. B. „Köln“."
                : $"Der Name ist zu lang ({CollapseWhitespace(text.Normalize(NormalizationForm.FormC)).Length} Zeichen, höchstens {MaxLength}).";
        }

        if (tag.Display.Any(char.IsControl) || DirectionControls.FindIn(tag.Display) is not null)
        {
            return "Der Name enthält Steuerzeichen. Bitte nur sichtbare Zeichen verwenden.";
        }

        if (tag.Display.Contains(',', StringComparison.Ordinal))
        {
            return "Ein Schlagwort darf kein Komma enthalten: Im Editor trennt das Komma die Schlagwörter.";
        }

        if (Articles.Slug.FromText(tag.Display, fallback: "").Length == 0)
        {
            return $"„{tag.Display}“ ergibt keine Adresse. Bitte mindestens einen Buchstaben oder eine Ziffer verwenden.";
        }

        return null;
    }

    private static string CollapseWhitespace(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
