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

    /// <summary>Authors of one article (<c>authors: [A, B]</c>), the first one included.</summary>
    public const int MaxAuthors = 10;

    /// <summary>Several authors, as a list; <c>author:</c> names one. Both at once are refused.</summary>
    public const string AuthorsField = "authors";
    public const int MaxImageAltLength = 300;
    public const int MaxImageCaptionLength = 500;
    public const int MaxImageCreditLength = 200;

    private static readonly string[] KnownFields = ["title", "slug", "author", AuthorsField, "date", "updated", "tags", "summary", "draft", FeedKey.Field, "ressort",
        ImageField, ImageAltField, ImageCaptionField, ImageCreditField, CorrectionsField];

    /// <summary>The public corrections: a list of entries with <see cref="CorrectionDateKey"/> and <see cref="CorrectionTextKey"/>.</summary>
    public const string CorrectionsField = "corrections";
    public const string CorrectionDateKey = "date";
    public const string CorrectionTextKey = "text";

    private static readonly string[] CorrectionKeys = [CorrectionDateKey, CorrectionTextKey];

    public const string ImageField = "image";
    public const string ImageAltField = "image-alt";
    public const string ImageCaptionField = "image-caption";
    public const string ImageCreditField = "image-credit";

    public static ArticleSource Read(string sourceName, string text)
    {
        var problems = new ArticleProblems(sourceName);
        var source = Read(sourceName, text, problems);
        problems.ThrowIfAny();
        return source;
    }

    /// <summary>
    /// The front matter and body with every problem of the front matter added to <paramref name="problems"/> rather
    /// than thrown at the first, so that the body can be checked too and the editor learns of all at once. Where a
    /// field is wrong, the returned front matter holds an empty value in its place: only for further checks.
    /// </summary>
    public static ArticleSource Read(string sourceName, string text, ArticleProblems problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        var block = Split(sourceName, text) ?? throw new ArticleFormatException(sourceName,
            "Front Matter fehlt: Die Datei muss mit einer Zeile „---“ beginnen, gefolgt von Feldern wie „title: …“.", 1);

        var fields = ReadFields(sourceName, block.Yaml, firstLine: 2, KnownFields, problems);
        return new ArticleSource(ToFrontMatter(sourceName, fields, closingLine: block.BodyStartLine - 1, problems), block.Body, block.BodyStartLine);
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

    /// <param name="Entries">For a list of mappings (only <see cref="CorrectionsField"/> may be one): each item's fields.</param>
    internal sealed record YamlValue(int Line, string? Scalar, bool IsPlain, IReadOnlyList<string>? Sequence, IReadOnlyList<YamlEntry>? Entries = null);

    /// <summary>One item of a list of mappings, with the line it starts on; each field holds a scalar.</summary>
    /// <param name="Refused">Keys given with a value of the wrong kind, already reported: not missing as well.</param>
    internal sealed record YamlEntry(int Line, IReadOnlyDictionary<string, YamlValue> Fields, IReadOnlySet<string> Refused);

    /// <summary>
    /// The fields of a front matter, each checked against <paramref name="knownFields"/> and for duplicates, with
    /// YAML's anchors, aliases and type tags refused. Shared by articles and author profiles.
    /// </summary>
    internal static Dictionary<string, YamlValue> ReadFields(string sourceName, string yaml, int firstLine, IReadOnlyCollection<string> knownFields)
    {
        var problems = new ArticleProblems(sourceName);
        var fields = ReadFields(sourceName, yaml, firstLine, knownFields, problems);
        problems.ThrowIfAny();
        return fields;
    }

    /// <summary>
    /// As above, adding every problem to <paramref name="problems"/>. A YAML syntax error stops a parser where it
    /// stands, so then each top-level field (its line and the indented lines below it) is read again on its own: a
    /// colon in the title must not hide a wrong date three lines further down.
    /// </summary>
    internal static Dictionary<string, YamlValue> ReadFields(
        string sourceName, string yaml, int firstLine, IReadOnlyCollection<string> knownFields, ArticleProblems problems)
    {
        var fields = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
        var found = new ArticleProblems(sourceName);
        try
        {
            ReadMapping(new YamlEvents(sourceName, yaml, firstLine), knownFields, fields, found);
            problems.AddRange(found);
            return fields;
        }
        catch (YamlSyntaxException)
        {
            fields.Clear();
        }
        catch (ArticleFormatException e)
        {
            // Anchors, type tags, a second document: what was read before it still counts.
            problems.AddRange(found);
            problems.AddRange(e.Problems);
            return fields;
        }

        foreach (var (chunk, chunkLine) in TopLevelChunks(yaml, firstLine))
        {
            var chunkFields = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
            var chunkProblems = new ArticleProblems(sourceName);
            try
            {
                ReadMapping(new YamlEvents(sourceName, chunk, chunkLine), knownFields, chunkFields, chunkProblems);
            }
            catch (YamlSyntaxException e)
            {
                chunkProblems.Add(YamlSyntax.Explain(e.ParserMessage, e.Line, KeyOf(chunk)));
            }
            catch (ArticleFormatException e)
            {
                chunkProblems.AddRange(e.Problems);
            }

            problems.AddRange(chunkProblems);
            foreach (var (name, value) in chunkFields)
            {
                if (!fields.TryAdd(name, value))
                {
                    problems.Add(new ArticleProblem("Das Feld ist doppelt angegeben.", value.Line, name));
                }
            }
        }

        return fields;
    }

    private static void ReadMapping(YamlEvents events, IReadOnlyCollection<string> knownFields, Dictionary<string, YamlValue> fields, ArticleProblems problems)
    {
        events.Expect<StreamStart>();
        if (events.TryConsume<StreamEnd>())
        {
            return;
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
                problems.Add(new ArticleProblem("Feldnamen müssen einfache Wörter sein, z. B. „title“.", events.LineOf(keyEvent)));
                events.Skip(keyEvent);
                events.Skip(events.Next());
                continue;
            }

            var name = key.Value;
            var line = events.LineOf(key);
            if (!knownFields.Contains(name, StringComparer.Ordinal))
            {
                problems.Add(new ArticleProblem($"Unbekanntes Feld. Erlaubt sind: {string.Join(", ", knownFields)}.", line, name));
                events.Skip(events.Next());
                continue;
            }

            if (fields.ContainsKey(name))
            {
                problems.Add(new ArticleProblem("Das Feld ist doppelt angegeben.", line, name));
                events.Skip(events.Next());
                continue;
            }

            if (ReadValue(events, name, problems) is { } value)
            {
                fields[name] = value;
            }
        }

        events.Expect<DocumentEnd>();
        if (!events.TryConsume<StreamEnd>())
        {
            throw events.Error(events.Next(), "Front Matter darf nur ein YAML-Dokument enthalten.");
        }
    }

    /// <summary>Each top-level "name: value" line with the indented or list lines that follow it, and its line number.</summary>
    private static IEnumerable<(string Chunk, int Line)> TopLevelChunks(string yaml, int firstLine)
    {
        var lines = yaml.Split('\n');
        var start = -1;
        for (var i = 0; i <= lines.Length; i++)
        {
            var startsField = i == lines.Length
                || (lines[i].Length > 0 && !char.IsWhiteSpace(lines[i][0]) && lines[i][0] is not ('-' or '#' or ']' or '}'));
            if (!startsField)
            {
                continue;
            }

            if (start >= 0)
            {
                yield return (string.Join('\n', lines[start..i]), firstLine + start);
            }

            start = i;
        }
    }

    private static string? KeyOf(string chunk)
    {
        var colon = chunk.IndexOf(':', StringComparison.Ordinal);
        var key = colon > 0 ? chunk[..colon].Trim() : null;
        return key is { Length: > 0 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key : null;
    }

    private static YamlValue? ReadValue(YamlEvents events, string field, ArticleProblems problems)
    {
        var value = events.Next();
        var line = events.LineOf(value);
        switch (value)
        {
            case Scalar scalar:
                var isNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                return new YamlValue(line, isNull ? null : scalar.Value, scalar.Style == ScalarStyle.Plain, null);

            case SequenceStart when field == CorrectionsField:
                return ReadEntries(events, line, field, CorrectionKeys, problems);

            case SequenceStart:
                var items = new List<string>();
                var nested = false;
                while (!events.TryConsume<SequenceEnd>())
                {
                    var item = events.Next();
                    if (item is not Scalar itemScalar)
                    {
                        if (!nested)
                        {
                            problems.Add(new ArticleProblem(
                                "Die Liste darf nur einfache Werte enthalten, keine verschachtelten Listen oder Felder.", events.LineOf(item), field));
                        }

                        nested = true;
                        events.Skip(item);
                        continue;
                    }

                    items.Add(itemScalar.Value);
                }

                return nested ? null : new YamlValue(line, null, false, items);

            default:
                problems.Add(new ArticleProblem("Hier wird ein einfacher Wert oder eine Liste erwartet, keine verschachtelten Felder.", line, field));
                events.Skip(value);
                return null;
        }
    }

    /// <summary>
    /// A list whose items are mappings of scalars ("- date: …" with "text: …" below it): each key checked against
    /// <paramref name="keys"/> and for duplicates, each value for being a single value, every problem with its line.
    /// </summary>
    private static YamlValue ReadEntries(YamlEvents events, int line, string field, IReadOnlyCollection<string> keys, ArticleProblems problems)
    {
        var entries = new List<YamlEntry>();
        while (!events.TryConsume<SequenceEnd>())
        {
            var item = events.Next();
            if (item is not MappingStart)
            {
                problems.Add(new ArticleProblem(
                    $"Jeder Eintrag der Liste braucht die Felder {string.Join(" und ", keys.Select(k => $"„{k}: …“"))}, z. B. " +
                    "„- date: 2025-03-14T09:30“ und darunter „  text: …“.", events.LineOf(item), field));
                events.Skip(item);
                continue;
            }

            var entryFields = new Dictionary<string, YamlValue>(StringComparer.Ordinal);
            var refused = new HashSet<string>(StringComparer.Ordinal);
            while (!events.TryConsume<MappingEnd>())
            {
                var keyEvent = events.Next();
                var keyLine = events.LineOf(keyEvent);
                if (keyEvent is not Scalar { Style: ScalarStyle.Plain } key || !keys.Contains(key.Value, StringComparer.Ordinal))
                {
                    problems.Add(new ArticleProblem($"Unbekanntes Feld in einem Eintrag. Erlaubt sind: {string.Join(", ", keys)}.", keyLine, field));
                    events.Skip(keyEvent);
                    events.Skip(events.Next());
                    continue;
                }

                var value = events.Next();
                if (value is not Scalar scalar)
                {
                    problems.Add(new ArticleProblem($"„{key.Value}“ braucht einen einfachen Wert, keine Liste oder Felder.", keyLine, field));
                    refused.Add(key.Value);
                    events.Skip(value);
                    continue;
                }

                if (!entryFields.TryAdd(key.Value, new YamlValue(events.LineOf(value), scalar.Value, scalar.Style == ScalarStyle.Plain, null)))
                {
                    problems.Add(new ArticleProblem($"„{key.Value}“ ist in diesem Eintrag doppelt angegeben.", keyLine, field));
                }
            }

            entries.Add(new YamlEntry(events.LineOf(item), entryFields, refused));
        }

        return new YamlValue(line, null, false, null, entries);
    }

    private static FrontMatter ToFrontMatter(string sourceName, Dictionary<string, YamlValue> fields, int closingLine, ArticleProblems problems)
    {
        var authors = problems.Try(() => Authors(sourceName, fields), []);
        return new(
            problems.Try(() => Title(sourceName, fields, closingLine), ""),
            problems.Try(() => SlugOf(sourceName, fields), null),
            authors.Count == 0 ? null : authors[0],
            problems.Try(() => Date(sourceName, fields, "date"), null),
            problems.Try(() => Date(sourceName, fields, "updated"), null),
            problems.Try(() => Tags(sourceName, fields), []),
            problems.Try(() => Summary(sourceName, fields), null),
            problems.Try(() => Draft(sourceName, fields), false),
            problems.Try(() => FeedIdOf(sourceName, fields), null),
            // Which Ressorts exist only the store knows; it refuses an unknown one, naming the known ones.
            problems.Try(() => OneLine(sourceName, fields, "ressort", Ressorts.RessortDraft.MaxNameLength), null),
            Image(sourceName, fields, problems))
        {
            Corrections = Corrections(sourceName, fields, problems),
            CoAuthors = authors.Count <= 1 ? [] : [.. authors.Skip(1)],
        };
    }

    /// <summary>
    /// The byline's names in their order: <c>author: A</c>, or <c>authors: [A, B]</c> for co-authors; each checked like a
    /// one-line text, a name given twice (by its slug) kept once, at most <see cref="MaxAuthors"/>. Empty: the default.
    /// </summary>
    private static List<string> Authors(string sourceName, Dictionary<string, YamlValue> fields)
    {
        var single = OneLine(sourceName, fields, "author", MaxAuthorLength);
        if (!fields.TryGetValue(AuthorsField, out var value) || (value.Sequence is null && value.Scalar is null && value.Entries is null))
        {
            return single is null ? [] : [single];
        }

        if (fields.ContainsKey("author"))
        {
            throw new ArticleFormatException(sourceName,
                "„author“ und „authors“ sind beide angegeben. Bitte nur eines: „author: Anna Berger“ für eine Person, " +
                "„authors: [Anna Berger, Markus Lehmann]“ für mehrere.", value.Line, AuthorsField);
        }

        if (value.Sequence is null)
        {
            throw new ArticleFormatException(sourceName,
                "Autoren müssen eine Liste sein, z. B. „authors: [Anna Berger, Markus Lehmann]“.", value.Line, AuthorsField);
        }

        var names = new List<string>();
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in value.Sequence)
        {
            RefuseDirectionControls(sourceName, fields, AuthorsField, raw);
            var name = CollapseWhitespace(raw);
            if (string.IsNullOrEmpty(name))
            {
                throw new ArticleFormatException(sourceName, "Ein Name in der Liste der Autoren ist leer.", value.Line, AuthorsField);
            }

            if (name.Length > MaxAuthorLength)
            {
                throw new ArticleFormatException(sourceName,
                    $"Der Name „{name[..20]}…“ ist zu lang ({name.Length} Zeichen, höchstens {MaxAuthorLength}).", value.Line, AuthorsField);
            }

            if (slugs.Add(Slug.ForAuthor(name)))
            {
                names.Add(name);
            }
        }

        if (names.Count > MaxAuthors)
        {
            throw new ArticleFormatException(sourceName,
                $"Zu viele Autoren ({names.Count}, höchstens {MaxAuthors}).", value.Line, AuthorsField);
        }

        return names;
    }

    /// <summary>
    /// corrections: as a list of entries, each with a date (read like date:) and a text (<see cref="CorrectionText"/>),
    /// oldest first. Every entry's problems are reported, each at its own line.
    /// </summary>
    private static List<ArticleCorrection> Corrections(string sourceName, Dictionary<string, YamlValue> fields, ArticleProblems problems)
    {
        if (!fields.TryGetValue(CorrectionsField, out var value) || (value.Scalar is null && value.Sequence is null && value.Entries is null))
        {
            return [];
        }

        if (value.Entries is not { } entries)
        {
            problems.Add(new ArticleProblem(
                "Korrekturen sind eine Liste von Einträgen mit „date: …“ und „text: …“, z. B. " +
                "„corrections:“, darunter „  - date: 2025-03-14T09:30“ und „    text: \"In einer früheren Fassung …\"“.",
                value.Line, CorrectionsField));
            return [];
        }

        if (entries.Count > CorrectionText.MaxPerArticle)
        {
            problems.Add(new ArticleProblem(
                $"Zu viele Korrekturen ({entries.Count}, höchstens {CorrectionText.MaxPerArticle}).", value.Line, CorrectionsField));
            return [];
        }

        var corrections = new List<ArticleCorrection>();
        foreach (var entry in entries)
        {
            var before = problems.Count;
            DateTimeOffset? at = null;
            if (entry.Fields.TryGetValue(CorrectionDateKey, out var date) && date.Scalar?.Trim() is { Length: > 0 } dateText)
            {
                try
                {
                    at = ArticleDates.Parse(sourceName, dateText, date.Line, CorrectionsField);
                }
                catch (ArticleFormatException e)
                {
                    // Not through problems.Try, which keeps one problem per field: each entry's date is its own.
                    problems.AddRange(e.Problems);
                }
            }
            else if (!entry.Refused.Contains(CorrectionDateKey))
            {
                problems.Add(new ArticleProblem("Der Korrektur fehlt ihr Zeitpunkt („date: …“).", entry.Line, CorrectionsField));
            }

            string? text = null;
            if (entry.Fields.TryGetValue(CorrectionTextKey, out var given) && given.Scalar is { } raw && CorrectionText.Normalize(raw) is not null)
            {
                if (CorrectionText.Problem(raw) is { } problem)
                {
                    problems.Add(new ArticleProblem(problem, given.Line, CorrectionsField));
                }
                else
                {
                    text = CorrectionText.Normalize(raw);
                }
            }
            else if (!entry.Refused.Contains(CorrectionTextKey))
            {
                problems.Add(new ArticleProblem("Der Korrektur fehlt ihr Text („text: …“).", entry.Line, CorrectionsField));
            }

            if (problems.Count == before && at is { } instant && text is not null)
            {
                corrections.Add(new ArticleCorrection(instant, text));
            }
        }

        // Stable: corrections of the same second keep the file's order.
        return [.. corrections.OrderBy(c => c.At)];
    }

    private static string Title(string sourceName, Dictionary<string, YamlValue> fields, int closingLine)
    {
        var title = OneLine(sourceName, fields, "title", MaxTitleLength);
        if (title is null)
        {
            var line = fields.TryGetValue("title", out var given) ? given.Line : closingLine;
            throw new ArticleFormatException(sourceName, "Der Titel fehlt. Bitte „title: …“ angeben.", line, "title");
        }

        return title;
    }

    private static string? SlugOf(string sourceName, Dictionary<string, YamlValue> fields)
    {
        var slug = Text(sourceName, fields, "slug")?.Trim();
        if (string.IsNullOrEmpty(slug))
        {
            return null;
        }

        return Slug.IsValid(slug) ? slug : throw new ArticleFormatException(sourceName,
            $"„{slug}“ ist kein gültiger Slug: nur Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche, höchstens {Slug.MaxLength} Zeichen.",
            fields["slug"].Line, "slug");
    }

    /// <summary>A one-line text field: whitespace collapsed, its length and direction controls checked; null when empty.</summary>
    private static string? OneLine(string sourceName, Dictionary<string, YamlValue> fields, string field, int maxLength)
    {
        var text = CollapseWhitespace(Text(sourceName, fields, field));
        CheckLength(sourceName, fields, field, text, maxLength);
        RefuseDirectionControls(sourceName, fields, field, text);
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>The summary keeps its line breaks; only its ends are trimmed.</summary>
    private static string? Summary(string sourceName, Dictionary<string, YamlValue> fields)
    {
        var summary = Text(sourceName, fields, "summary")?.Trim();
        CheckLength(sourceName, fields, "summary", summary, MaxSummaryLength);
        RefuseDirectionControls(sourceName, fields, "summary", summary);
        return string.IsNullOrEmpty(summary) ? null : summary;
    }

    private static string? FeedIdOf(string sourceName, Dictionary<string, YamlValue> fields)
    {
        var feedId = Text(sourceName, fields, FeedKey.Field)?.Trim();
        if (string.IsNullOrEmpty(feedId))
        {
            return null;
        }

        return FeedKey.IsValid(feedId) ? feedId : throw new ArticleFormatException(sourceName,
            $"„{feedId}“ ist keine gültige Feed-ID. Sie hat die Form 2025-03-14:artikel/7 und wird vom Export geschrieben; " +
            "ohne das Feld bekommt ein neuer Artikel seine eigene.",
            fields[FeedKey.Field].Line, FeedKey.Field);
    }

    /// <summary>
    /// image: with its words. The alt text is required with a picture: a reader who cannot see it must learn what it
    /// shows (docs/editing.md); caption and credit are optional, and none of the three stands without a picture.
    /// </summary>
    private static FrontMatterImage? Image(string sourceName, Dictionary<string, YamlValue> fields, ArticleProblems problems)
    {
        var before = problems.Count;
        var source = problems.Try(() => Text(sourceName, fields, ImageField)?.Trim(), null);
        var beforeAlt = problems.Count;
        var alt = problems.Try(() => OneLine(sourceName, fields, ImageAltField, MaxImageAltLength), null);
        var altIsWrong = problems.Count > beforeAlt;
        var caption = problems.Try(() => OneLine(sourceName, fields, ImageCaptionField, MaxImageCaptionLength), null);
        var credit = problems.Try(() => OneLine(sourceName, fields, ImageCreditField, MaxImageCreditLength), null);
        if (string.IsNullOrEmpty(source))
        {
            foreach (var (field, text) in (ReadOnlySpan<(string, string?)>)[(ImageAltField, alt), (ImageCaptionField, caption), (ImageCreditField, credit)])
            {
                if (text is not null)
                {
                    problems.Add(new ArticleProblem($"„{field}“ gehört zu einem Aufmacherbild, aber „image: …“ fehlt.", fields[field].Line, field));
                }
            }

            return null;
        }

        var line = fields[ImageField].Line;
        if (Markdown.MarkdownRenderer.SchemeOf(source) is not null || source.StartsWith("//", StringComparison.Ordinal))
        {
            problems.Add(new ArticleProblem(
                "Das Aufmacherbild muss ein hochgeladenes Bild sein (/bilder/…) oder eine Datei neben der Markdown-Datei " +
                "(z. B. „bilder/rathaus.jpg“), keine Adresse einer anderen Website.", line, ImageField));
        }

        if (alt is null && !altIsWrong)
        {
            problems.Add(new ArticleProblem(
                "Zum Aufmacherbild fehlt der Alternativtext. Bitte „image-alt: …“ angeben: in einem Satz, was auf dem Bild zu sehen ist.",
                fields.TryGetValue(ImageAltField, out var given) ? given.Line : line, ImageAltField));
        }

        return problems.Count > before ? null : new FrontMatterImage(source, alt!, caption, credit, line);
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

    /// <summary>YamlDotNet could not parse the text; its English message is for <see cref="YamlSyntax"/>, never for editors.</summary>
    private sealed class YamlSyntaxException(string parserMessage, int line) : Exception(parserMessage)
    {
        public string ParserMessage => Message;

        public int Line => line;
    }

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

        /// <summary>Passes over a value that has been reported: a scalar, or a whole list or mapping.</summary>
        public void Skip(ParsingEvent value)
        {
            var depth = value is MappingStart or SequenceStart ? 1 : 0;
            while (depth > 0)
            {
                depth += Next() switch
                {
                    MappingStart or SequenceStart => 1,
                    MappingEnd or SequenceEnd => -1,
                    _ => 0,
                };
            }
        }

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
                throw new YamlSyntaxException(MarkPrefix().Replace(e.Message, ""), (int)e.Start.Line + firstLine - 1);
            }

            var current = _parser.Current!;
            switch (current)
            {
                case AnchorAlias:
                case NodeEvent { Anchor.IsEmpty: false }:
                    throw new YamlSyntaxException(YamlSyntax.AnchorOrAlias, LineOf(current));
                case NodeEvent { Tag.IsEmpty: false }:
                    throw new YamlSyntaxException(YamlSyntax.TypeTag, LineOf(current));
            }

            _peeked = current;
            return current;
        }

        [GeneratedRegex(@"^\(Line: .*?\): ", RegexOptions.CultureInvariant)]
        private static partial Regex MarkPrefix();
    }
}
