using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using ArticleTag = NewsSite.Core.Tags.TagName;

namespace NewsSite.Core.Articles;

/// <summary>
/// Reads the YAML front matter between the "---" lines into <see cref="FrontMatter"/>. It walks YamlDotNet's event
/// stream itself instead of deserializing, so that it can refuse what a deserializer would quietly accept: type tags,
/// anchors and aliases, duplicate keys, unknown fields, and values of the wrong kind, each with the file's line number.
/// </summary>
public static partial class FrontMatterReader
{
    public const int MaxTitleLength = 200;
    public const int MaxAuthorLength = 100;
    public const int MaxSummaryLength = 500;
    public const int MaxTags = 20;
    public const int MaxImageAltLength = 300;
    public const int MaxImageCaptionLength = 500;
    public const int MaxImageCreditLength = 200;

    private static readonly string[] KnownFields = ["title", "slug", "author", "date", "updated", "tags", "summary", "draft", FeedKey.Field, "ressort",
        ImageField, ImageAltField, ImageCaptionField, ImageCreditField];

    public const string ImageField = "image";
    public const string ImageAltField = "image-alt";
    public const string ImageCaptionField = "image-caption";
    public const string ImageCreditField = "image-credit";

    public static ArticleSource Read(string sourceName, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var block = Split(sourceName, text) ?? throw new ArticleFormatException(sourceName,
            "Front Matter fehlt: Die Datei muss mit einer Zeile „---“ beginnen, gefolgt von Feldern wie „title: …“.", 1);

        var fields = ReadFields(sourceName, block.Yaml, firstLine: 2, KnownFields);
        return new ArticleSource(ToFrontMatter(sourceName, fields, closingLine: block.BodyStartLine - 1), block.Body, block.BodyStartLine);
    }

    /// <summary>A file split at its front matter: the YAML between the "---" lines (starting on line 2), and the body.</summary>
    internal sealed record FrontMatterBlock(string Yaml, string Body, int BodyStartLine);

    /// <summary>Null when the text does not begin with a "---" line; a front matter that is never closed is an error.</summary>
    internal static FrontMatterBlock? Split(string sourceName, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        if (lines[0].TrimEnd() != "---")
        {
            return null;
        }

        var closing = Array.FindIndex(lines, 1, line => line.TrimEnd() is "---" or "...");
        if (closing < 0)
        {
            throw new ArticleFormatException(sourceName,
                "Front Matter ist nicht abgeschlossen: Die Zeile „---“ nach den Feldern fehlt.", 1);
        }

        return new FrontMatterBlock(string.Join('\n', lines[1..closing]), string.Join('\n', lines[(closing + 1)..]), closing + 2);
    }

    internal sealed record YamlValue(int Line, string? Scalar, bool IsPlain, IReadOnlyList<string>? Sequence);

    /// <summary>
    /// The fields of a front matter, each checked against <paramref name="knownFields"/> and for duplicates, with
    /// YAML's anchors, aliases and type tags refused. Shared by articles and author profiles.
    /// </summary>
    internal static Dictionary<string, YamlValue> ReadFields(string sourceName, string yaml, int firstLine, IReadOnlyCollection<string> knownFields)
    {
        var events = new YamlEvents(sourceName, yaml, firstLine);
        var fields = new Dictionary<string, YamlValue>(StringComparer.Ordinal);

        events.Expect<StreamStart>();
        if (events.TryConsume<StreamEnd>())
        {
            return fields;
        }

        events.Expect<DocumentStart>();
        var root = events.Next();
        if (root is not MappingStart)
        {
            throw events.Error(root, "Front Matter muss aus Feldern der Form „name: Wert“ bestehen.");
        }

        while (!events.TryConsume<MappingEnd>())
        {
            var keyEvent = events.Next();
            if (keyEvent is not Scalar { Style: ScalarStyle.Plain } key)
            {
                throw events.Error(keyEvent, "Feldnamen müssen einfache Wörter sein, z. B. „title“.");
            }

            var name = key.Value;
            var line = events.LineOf(key);
            if (!knownFields.Contains(name, StringComparer.Ordinal))
            {
                throw new ArticleFormatException(sourceName,
                    $"Unbekanntes Feld. Erlaubt sind: {string.Join(", ", knownFields)}.", line, name);
            }

            if (fields.ContainsKey(name))
            {
                throw new ArticleFormatException(sourceName, "Das Feld ist doppelt angegeben.", line, name);
            }

            fields[name] = ReadValue(events, name);
        }

        events.Expect<DocumentEnd>();
        if (!events.TryConsume<StreamEnd>())
        {
            throw events.Error(events.Next(), "Front Matter darf nur ein YAML-Dokument enthalten.");
        }

        return fields;
    }

    private static YamlValue ReadValue(YamlEvents events, string field)
    {
        var value = events.Next();
        var line = events.LineOf(value);
        switch (value)
        {
            case Scalar scalar:
                var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                return new YamlValue(line, isNull ? null : scalar.Value, scalar.Style == ScalarStyle.Plain, null);

            case SequenceStart:
                var items = new List<string>();
                while (!events.TryConsume<SequenceEnd>())
                {
                    var item = events.Next();
                    if (item is not Scalar itemScalar)
                    {
                        throw new ArticleFormatException(events.SourceName,
                            "Die Liste darf nur einfache Werte enthalten, keine verschachtelten Listen oder Felder.",
                            events.LineOf(item), field);
                    }

                    items.Add(itemScalar.Value);
                }

                return new YamlValue(line, null, false, items);

            default:
                throw new ArticleFormatException(events.SourceName,
                    "Hier wird ein einfacher Wert oder eine Liste erwartet, keine verschachtelten Felder.", line, field);
        }
    }

    private static FrontMatter ToFrontMatter(string sourceName, Dictionary<string, YamlValue> fields, int closingLine)
    {
        var title = CollapseWhitespace(Text(sourceName, fields, "title"));
        if (string.IsNullOrEmpty(title))
        {
            var line = fields.TryGetValue("title", out var given) ? given.Line : closingLine;
            throw new ArticleFormatException(sourceName, "Der Titel fehlt. Bitte „title: …“ angeben.", line, "title");
        }

        CheckLength(sourceName, fields, "title", title, MaxTitleLength);
        RefuseDirectionControls(sourceName, fields, "title", title);

        var slug = Text(sourceName, fields, "slug")?.Trim();
        if (slug is { Length: 0 })
        {
            slug = null;
        }

        if (slug is not null && !Slug.IsValid(slug))
        {
            throw new ArticleFormatException(sourceName,
                $"„{slug}“ ist kein gültiger Slug: nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, höchstens {Slug.MaxLength} Zeichen.",
                fields["slug"].Line, "slug");
        }

        var author = CollapseWhitespace(Text(sourceName, fields, "author"));
        CheckLength(sourceName, fields, "author", author, MaxAuthorLength);
        RefuseDirectionControls(sourceName, fields, "author", author);

        var summary = Text(sourceName, fields, "summary")?.Trim();
        CheckLength(sourceName, fields, "summary", summary, MaxSummaryLength);
        RefuseDirectionControls(sourceName, fields, "summary", summary);

        var feedId = Text(sourceName, fields, FeedKey.Field)?.Trim();
        if (feedId is { Length: 0 })
        {
            feedId = null;
        }

        if (feedId is not null && !FeedKey.IsValid(feedId))
        {
            throw new ArticleFormatException(sourceName,
                $"„{feedId}“ ist keine gültige Feed-ID. Sie hat die Form 2025-03-14:artikel/7 und wird vom Export geschrieben; " +
                "ohne das Feld bekommt ein neuer Artikel seine eigene.",
                fields[FeedKey.Field].Line, FeedKey.Field);
        }

        // Which Ressorts exist only the store knows; it refuses an unknown one, naming the known ones.
        var ressort = CollapseWhitespace(Text(sourceName, fields, "ressort"));
        CheckLength(sourceName, fields, "ressort", ressort, Ressorts.RessortDraft.MaxNameLength);
        RefuseDirectionControls(sourceName, fields, "ressort", ressort);

        return new FrontMatter(
            title,
            slug,
            string.IsNullOrEmpty(author) ? null : author,
            Date(sourceName, fields, "date"),
            Date(sourceName, fields, "updated"),
            Tags(sourceName, fields),
            string.IsNullOrEmpty(summary) ? null : summary,
            Draft(sourceName, fields),
            feedId,
            string.IsNullOrEmpty(ressort) ? null : ressort,
            Image(sourceName, fields));
    }

    /// <summary>
    /// image: with its words. The alt text is required with a picture: a reader who cannot see it must learn what it
    /// shows (docs/editing.md); caption and credit are optional, and none of the three stands without a picture.
    /// </summary>
    private static FrontMatterImage? Image(string sourceName, Dictionary<string, YamlValue> fields)
    {
        var source = Text(sourceName, fields, ImageField)?.Trim();
        var alt = CollapseWhitespace(Text(sourceName, fields, ImageAltField));
        var caption = CollapseWhitespace(Text(sourceName, fields, ImageCaptionField));
        var credit = CollapseWhitespace(Text(sourceName, fields, ImageCreditField));
        foreach (var (field, text, max) in (ReadOnlySpan<(string, string?, int)>)[
            (ImageAltField, alt, MaxImageAltLength), (ImageCaptionField, caption, MaxImageCaptionLength), (ImageCreditField, credit, MaxImageCreditLength)])
        {
            CheckLength(sourceName, fields, field, text, max);
            RefuseDirectionControls(sourceName, fields, field, text);
            if (string.IsNullOrEmpty(source) && !string.IsNullOrEmpty(text))
            {
                throw new ArticleFormatException(sourceName,
                    $"„{field}“ gehört zu einem Aufmacherbild, aber „image: …“ fehlt.", fields[field].Line, field);
            }
        }

        if (string.IsNullOrEmpty(source))
        {
            return null;
        }

        var line = fields[ImageField].Line;
        if (Markdown.MarkdownRenderer.SchemeOf(source) is not null || source.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArticleFormatException(sourceName,
                "Das Aufmacherbild muss ein hochgeladenes Bild sein (/bilder/…) oder eine Datei neben der Markdown-Datei " +
                "(z. B. „bilder/rathaus.jpg“), keine Adresse einer anderen Website.", line, ImageField);
        }

        if (string.IsNullOrEmpty(alt))
        {
            throw new ArticleFormatException(sourceName,
                "Zum Aufmacherbild fehlt der Alternativtext. Bitte „image-alt: …“ angeben: in einem Satz, was auf dem Bild zu sehen ist.",
                fields.TryGetValue(ImageAltField, out var given) ? given.Line : line, ImageAltField);
        }

        return new FrontMatterImage(source, alt, string.IsNullOrEmpty(caption) ? null : caption, string.IsNullOrEmpty(credit) ? null : credit, line);
    }

    internal static string? Text(string sourceName, Dictionary<string, YamlValue> fields, string field)
    {
        if (!fields.TryGetValue(field, out var value))
        {
            return null;
        }

        if (value.Sequence is not null)
        {
            throw new ArticleFormatException(sourceName, "Hier wird ein Text erwartet, keine Liste.", value.Line, field);
        }

        return value.Scalar;
    }

    private static void CheckLength(string sourceName, Dictionary<string, YamlValue> fields, string field, string? text, int max)
    {
        if (text is not null && text.Length > max)
        {
            throw new ArticleFormatException(sourceName,
                $"Der Text ist zu lang ({text.Length} Zeichen, höchstens {max}).", fields[field].Line, field);
        }
    }

    internal static void RefuseDirectionControls(string sourceName, Dictionary<string, YamlValue> fields, string field, string? text)
    {
        if (DirectionControls.FindIn(text) is { } control)
        {
            throw new ArticleFormatException(sourceName, DirectionControls.Refusal(control), fields[field].Line, field);
        }
    }

    private static DateTimeOffset? Date(string sourceName, Dictionary<string, YamlValue> fields, string field)
    {
        var text = Text(sourceName, fields, field)?.Trim();
        return string.IsNullOrEmpty(text) ? null : ArticleDates.Parse(sourceName, text, fields[field].Line, field);
    }

    private static List<ArticleTag> Tags(string sourceName, Dictionary<string, YamlValue> fields)
    {
        if (!fields.TryGetValue("tags", out var value) || (value.Sequence is null && value.Scalar is null))
        {
            return [];
        }

        if (value.Sequence is null)
        {
            throw new ArticleFormatException(sourceName,
                "Tags müssen eine Liste sein, z. B. „tags: [Köln, Verkehr]“.", value.Line, "tags");
        }

        var tags = new List<ArticleTag>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in value.Sequence)
        {
            RefuseDirectionControls(sourceName, fields, "tags", raw);
            var tag = ArticleTag.TryCreate(raw)
                ?? throw new ArticleFormatException(sourceName,
                    $"Das Tag „{raw}“ ist leer oder länger als {ArticleTag.MaxLength} Zeichen.", value.Line, "tags");

            // "Köln" and " köln " in one list are the same tag, kept once.
            if (keys.Add(tag.Key))
            {
                tags.Add(tag);
            }
        }

        if (tags.Count > MaxTags)
        {
            throw new ArticleFormatException(sourceName,
                $"Zu viele Tags ({tags.Count}, höchstens {MaxTags}).", value.Line, "tags");
        }

        return tags;
    }

    private static bool Draft(string sourceName, Dictionary<string, YamlValue> fields)
    {
        if (!fields.TryGetValue("draft", out var value) || (value.Scalar is null && value.Sequence is null))
        {
            return false;
        }

        return (value.IsPlain ? value.Scalar?.ToLowerInvariant() : null) switch
        {
            "true" => true,
            "false" => false,
            _ => throw new ArticleFormatException(sourceName, "Erlaubt sind nur true oder false.", value.Line, "draft"),
        };
    }

    internal static string? CollapseWhitespace(string? text) =>
        text is null ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>YamlDotNet's event stream with the checks every event must pass and German errors with file lines.</summary>
    private sealed partial class YamlEvents(string sourceName, string yaml, int firstLine)
    {
        private readonly Parser _parser = new(new StringReader(yaml));
        private ParsingEvent? _peeked;

        public string SourceName => sourceName;

        public int LineOf(ParsingEvent e) => (int)e.Start.Line + firstLine - 1;

        public ParsingEvent Next()
        {
            var next = Peek();
            _peeked = null;
            return next;
        }

        public void Expect<T>()
            where T : ParsingEvent
        {
            var next = Next();
            if (next is not T)
            {
                throw Error(next, "Unerwarteter Aufbau des Front Matter.");
            }
        }

        public bool TryConsume<T>()
            where T : ParsingEvent
        {
            if (Peek() is not T)
            {
                return false;
            }

            _peeked = null;
            return true;
        }

        public ArticleFormatException Error(ParsingEvent at, string reason) =>
            new(sourceName, reason, LineOf(at));

        private ParsingEvent Peek()
        {
            if (_peeked is not null)
            {
                return _peeked;
            }

            try
            {
                if (!_parser.MoveNext())
                {
                    throw new ArticleFormatException(sourceName, "Front Matter endet unerwartet.");
                }
            }
            catch (YamlException e)
            {
                throw new ArticleFormatException(sourceName,
                    "YAML-Syntaxfehler: " + MarkPrefix().Replace(e.Message, ""), (int)e.Start.Line + firstLine - 1);
            }

            var current = _parser.Current!;
            switch (current)
            {
                case AnchorAlias:
                case NodeEvent { Anchor.IsEmpty: false }:
                    throw Error(current, "YAML-Anker und -Aliase (& und *) sind nicht erlaubt.");
                case NodeEvent { Tag.IsEmpty: false }:
                    throw Error(current, "YAML-Typangaben (!…) sind nicht erlaubt.");
            }

            _peeked = current;
            return current;
        }

        [GeneratedRegex(@"^\(Line: .*?\): ", RegexOptions.CultureInvariant)]
        private static partial Regex MarkPrefix();
    }
}
