using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NewsSite.Core.Markdown;

namespace NewsSite.Core.Articles;

/// <summary>
/// An author's bio: the Markdown an editor wrote, trimmed, and its HTML from the site's one Markdown pipeline
/// (raw HTML escaped, javascript: and other unsafe links removed). An empty bio means "no bio" and has no HTML.
/// </summary>
public sealed record AuthorBio(string Markdown, string? Html)
{
    public static AuthorBio None { get; } = new("", null);

    public bool IsEmpty => Markdown.Length == 0;
}

/// <summary>A bio that cannot be stored (too long, control characters, too deeply nested); the message is German, for editors.</summary>
public sealed class AuthorBioException(string message) : Exception(message);

/// <summary>
/// An author profile file, content/authors/&lt;slug&gt;.md: the file name is the author's slug, an optional front
/// matter may give the display name (<c>name:</c>), the Markdown body is the bio.
/// </summary>
/// <param name="Name">From <c>name:</c>; null when the file gives none.</param>
/// <param name="ContentHash">SHA-256 of the file's text: an unchanged file is recognised and left alone.</param>
public sealed record AuthorProfile(string Slug, string? Name, AuthorBio Bio, string ContentHash)
{
    /// <summary>
    /// The display name when the profile creates its author: <c>name:</c>, or else the slug's words capitalised
    /// ("anna-berger" → "Anna Berger"). A slug has lost its umlauts ("juergen"), so such names belong in <c>name:</c>.
    /// </summary>
    public string NameForNewAuthor => Name ?? string.Join(' ', Slug.Split('-').Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
}

/// <summary>Checks and renders bios, from the admin's form or from profile files.</summary>
public sealed class AuthorProfileParser(MarkdownRenderer renderer)
{
    public const int MaxBioLength = 5_000;

    private static readonly string[] KnownFields = ["name"];

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>A bio as typed: line endings unified, surrounding blank space removed, checked and rendered.</summary>
    /// <exception cref="AuthorBioException">With a German reason.</exception>
    public AuthorBio PrepareBio(string? markdown)
    {
        var text = (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (text.Length == 0)
        {
            return AuthorBio.None;
        }

        if (text.Length > MaxBioLength)
        {
            throw new AuthorBioException(string.Create(German,
                $"Die Biografie ist zu lang ({text.Length:N0} Zeichen, höchstens {MaxBioLength:N0})."));
        }

        RefuseControlCharacters(text);
        try
        {
            return new AuthorBio(text, renderer.Render(text).Html);
        }
        catch (UnrenderableMarkdownException e)
        {
            throw new AuthorBioException(e.Message);
        }
    }

    /// <summary>A profile file's bytes: strict UTF-8, an optional front matter with <c>name:</c> only, the body as bio.</summary>
    /// <param name="slug">The author's slug, taken from the file name; the caller has checked it with <see cref="Slug.IsValid"/>.</param>
    /// <exception cref="ArticleFormatException">With file, line and field where known.</exception>
    public AuthorProfile Parse(string sourceName, string slug, ReadOnlySpan<byte> fileBytes)
    {
        var text = ArticleText.Decode(sourceName, fileBytes);
        var block = FrontMatterReader.Split(sourceName, text);
        var name = block is null ? null : ReadName(sourceName, block.Yaml, slug);

        AuthorBio bio;
        try
        {
            bio = PrepareBio(block?.Body ?? text);
        }
        catch (AuthorBioException e)
        {
            throw new ArticleFormatException(sourceName, e.Message, block?.BodyStartLine ?? 1);
        }

        return new AuthorProfile(slug, name, bio, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    /// <summary>
    /// A file named after an author's name fails loudly when the name belongs to another slug: articles find their
    /// author by the slug of the name, so "name: Jonas Weber" in anna-berger.md could never be reached.
    /// </summary>
    private static string? ReadName(string sourceName, string yaml, string slug)
    {
        var fields = FrontMatterReader.ReadFields(sourceName, yaml, firstLine: 2, KnownFields);
        var name = FrontMatterReader.CollapseWhitespace(FrontMatterReader.Text(sourceName, fields, "name"));
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var line = fields["name"].Line;
        FrontMatterReader.RefuseDirectionControls(sourceName, fields, "name", name);
        if (name.Length > FrontMatterReader.MaxAuthorLength)
        {
            throw new ArticleFormatException(sourceName,
                $"Der Name ist zu lang ({name.Length} Zeichen, höchstens {FrontMatterReader.MaxAuthorLength}).", line, "name");
        }

        var nameSlug = Slug.ForAuthor(name);
        if (nameSlug != slug)
        {
            throw new ArticleFormatException(sourceName,
                $"Der Name „{name}“ gehört zur Autorenseite /autor/{nameSlug}, die Datei aber zu /autor/{slug}. " +
                $"Bitte die Datei in „{nameSlug}.md“ umbenennen oder den Namen korrigieren.", line, "name");
        }

        return name;
    }

    private static void RefuseControlCharacters(string text)
    {
        if (ArticleText.FindControlCharacter(text) is { } found)
        {
            throw new AuthorBioException($"Die Biografie enthält in Zeile {found.Line} das unzulässige Steuerzeichen U+{found.Code}.");
        }
    }
}
