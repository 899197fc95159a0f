using NewsSite.Core.Tags;

namespace NewsSite.Core.Articles;

/// <summary>
/// Warns of a byline that names a new author looking like a known one („Markus Lehman“ beside „Markus Lehmann“): case,
/// umlaut transliteration or one letter apart, by the tag report's rules (<see cref="TagDuplicates.AreLikelyOne"/>).
/// Only a warning: two people may have such names, and the article is stored as given (decision 0021).
/// </summary>
public sealed class AuthorLookalikes
{
    private readonly Dictionary<string, string> _bySlug = new(StringComparer.Ordinal);

    /// <param name="knownNames">The authors there are, by their names.</param>
    public AuthorLookalikes(IEnumerable<string> knownNames)
    {
        ArgumentNullException.ThrowIfNull(knownNames);
        foreach (var name in knownNames)
        {
            _bySlug.TryAdd(Slug.ForAuthor(name), name);
        }
    }

    /// <summary>
    /// A German warning for each name of the byline that is no known author yet but looks like one; the names become
    /// known afterwards, so that the next file naming them again is not warned about.
    /// </summary>
    public IReadOnlyList<string> WarningsFor(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var warnings = new List<string>();
        foreach (var name in names)
        {
            var slug = Slug.ForAuthor(name);
            if (_bySlug.ContainsKey(slug))
            {
                continue;
            }

            if (_bySlug.Values.FirstOrDefault(known => TagDuplicates.AreLikelyOne(known, name)) is { } close)
            {
                warnings.Add($"Autor „{name}“ ähnelt „{close}“, den es schon gibt. Ist dieselbe Person gemeint, bitte „{close}“ " +
                             $"schreiben; sonst entsteht ein zweites Autorenprofil unter /autor/{slug}.");
            }

            _bySlug[slug] = name;
        }

        return warnings;
    }
}
