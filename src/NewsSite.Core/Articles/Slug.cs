using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsSite.Core.Articles;

/// <summary>URL path segments made from German text: "Gespräche über Köln" becomes "gespraeche-ueber-koeln".</summary>
public static partial class Slug
{
    /// <summary>An author's slug, for their page: from the display name, "redaktion" when nothing usable is left.</summary>
    public static string ForAuthor(string displayName) => FromText(displayName, fallback: "redaktion");

    public const int MaxLength = 80;

    public static string FromText(string text, string fallback)
    {
        ArgumentNullException.ThrowIfNull(text);

        // NFC first, so that an "a" followed by a combining diaeresis is transliterated like "ä".
        var composed = text.Normalize(NormalizationForm.FormC);
        var transliterated = new StringBuilder(composed.Length + 8);
        foreach (var c in composed)
        {
            transliterated.Append(c switch
            {
                'ä' or 'Ä' => "ae",
                'ö' or 'Ö' => "oe",
                'ü' or 'Ü' => "ue",
                'ß' or 'ẞ' => "ss",
                _ => c.ToString(),
            });
        }

        // Other accents are dropped rather than transliterated: "Café" becomes "cafe".
        var slug = new StringBuilder(transliterated.Length);
        var pendingHyphen = false;
        foreach (var c in transliterated.ToString().Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(c);
                pendingHyphen = false;
            }
            else
            {
                pendingHyphen = true;
            }
        }

        var result = Shorten(slug.ToString());
        return result.Length == 0 ? fallback : result;
    }

    public static bool IsValid(string? slug) =>
        slug is { Length: > 0 and <= MaxLength } && ValidSlug().IsMatch(slug);

    /// <summary>The first of "base", "base-2", "base-3", … that <paramref name="isTaken"/> does not claim.</summary>
    public static async Task<string> MakeUniqueAsync(string baseSlug, Func<string, Task<bool>> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        if (!await isTaken(baseSlug))
        {
            return baseSlug;
        }

        for (var n = 2; ; n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            var candidate = Shorten(baseSlug, MaxLength - suffix.Length) + suffix;
            if (!await isTaken(candidate))
            {
                return candidate;
            }
        }
    }

    // Cut at a hyphen where possible, so that a long title does not end in half a word.
    private static string Shorten(string slug, int maxLength = MaxLength)
    {
        if (slug.Length <= maxLength)
        {
            return slug;
        }

        var cut = slug[..maxLength];
        var lastHyphen = cut.LastIndexOf('-');
        return (lastHyphen > maxLength / 2 ? cut[..lastHyphen] : cut).TrimEnd('-');
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidSlug();
}
