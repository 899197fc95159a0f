namespace NewsSite.Core.Articles;

/// <summary>The rules for a name the admin gives an author (decision 0021); the front matter's are those of any one-line field.</summary>
public static class AuthorName
{
    /// <returns>What is wrong with the name, in German; null when it will do.</returns>
    public static string? ProblemWith(string? name)
    {
        var text = FrontMatterReader.CollapseWhitespace(name) ?? "";
        if (text.Length == 0)
        {
            return "Bitte einen Namen angeben, z. B. „Anna Berger“.";
        }

        if (text.Length > FrontMatterReader.MaxAuthorLength)
        {
            return $"Der Name ist zu lang ({text.Length} Zeichen, höchstens {FrontMatterReader.MaxAuthorLength}).";
        }

        if (text.Any(char.IsControl) || DirectionControls.FindIn(text) is not null)
        {
            return "Der Name enthält Steuerzeichen. Bitte nur sichtbare Zeichen verwenden.";
        }

        if (text.Contains(',', StringComparison.Ordinal))
        {
            return "Ein Name darf kein Komma enthalten: Im Artikelformular trennt das Komma mehrere Autoren.";
        }

        return Slug.FromText(text, fallback: "").Length == 0
            ? $"„{text}“ ergibt keine Adresse. Bitte mindestens einen Buchstaben verwenden."
            : null;
    }

    /// <summary>The name as it is stored: whitespace collapsed.</summary>
    public static string Clean(string name) => FrontMatterReader.CollapseWhitespace(name) ?? "";
}
