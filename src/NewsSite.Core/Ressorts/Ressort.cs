using NewsSite.Core.Articles;

namespace NewsSite.Core.Ressorts;

/// <summary>A section of the site (Politik, Wirtschaft …): the name editors write, the address, the place in the navigation.</summary>
/// <param name="Position">Order of the header navigation, lowest first.</param>
public sealed record Ressort(long Id, string Name, string Slug, int Position)
{
    public RessortLink Link => new(Name, Slug);
}

/// <summary>What a reader's page shows of a Ressort: its name and where it leads.</summary>
public sealed record RessortLink(string Name, string Slug);

/// <summary>A Ressort as the starter list or an admin's form gives it, before it has an id.</summary>
public sealed record RessortDraft(string Name, string Slug)
{
    public const int MaxNameLength = 40;

    /// <summary>The German message for the first thing wrong with name or slug, with the field; null when both are fine.</summary>
    public (string Field, string Message)? Problem()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            return ("name", "Bitte einen Namen angeben, z. B. „Politik“.");
        }

        if (Name.Length > MaxNameLength)
        {
            return ("name", $"Der Name ist zu lang ({Name.Length} Zeichen, höchstens {MaxNameLength}).");
        }

        if (Name.Any(char.IsControl) || DirectionControls.FindIn(Name) is not null)
        {
            return ("name", "Der Name enthält Steuerzeichen. Bitte nur sichtbare Zeichen verwenden.");
        }

        if (!Articles.Slug.IsValid(Slug))
        {
            return ("slug", $"„{Slug}“ ist kein gültiger Slug: nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, höchstens {Articles.Slug.MaxLength} Zeichen.");
        }

        return null;
    }
}

/// <summary>An admin's change of the list that contradicts it (a name or slug taken, a Ressort in use); German, with the field.</summary>
public sealed class RessortConflictException(string message, string field) : Exception(message)
{
    public string Field { get; } = field;
}
