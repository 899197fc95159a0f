using System.Globalization;
using NewsSite.Core.Articles;
using NewsSite.Core.Export;

namespace NewsSite.Core.Editing;

/// <summary>The browser form's fields, as text the way the browser sends them; empty means "not set".</summary>
/// <param name="Date">Newsroom (Berlin) time as an input of type datetime-local sends it: 2025-03-14T09:30.</param>
/// <param name="Author">One name, or several comma-separated (co-authors, written as <c>authors:</c>).</param>
/// <param name="Tags">Comma-separated.</param>
/// <param name="Ressort">The Ressort's name as the front matter has it; empty for none.</param>
/// <param name="Image">The lead picture's address on the site (/bilder/…); empty for none.</param>
public sealed record EditorFields(
    string Title,
    string Slug = "",
    string Author = "",
    string Date = "",
    string Tags = "",
    string Summary = "",
    string Ressort = "",
    string Image = "",
    string ImageAlt = "",
    string ImageCaption = "",
    string ImageCredit = "")
{
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm";

    public static EditorFields Empty { get; } = new("");

    /// <summary>The front matter key each field writes, with the field's value: the one mapping between form and file.</summary>
    public IEnumerable<(string Key, string Value)> ByKey()
    {
        yield return ("title", Title);
        yield return ("slug", Slug);
        yield return ("author", Author);
        yield return ("date", Date);
        yield return ("tags", Tags);
        yield return ("summary", Summary);
        yield return ("ressort", Ressort);
        yield return (FrontMatterReader.ImageField, Image);
        yield return (FrontMatterReader.ImageAltField, ImageAlt);
        yield return (FrontMatterReader.ImageCaptionField, ImageCaption);
        yield return (FrontMatterReader.ImageCreditField, ImageCredit);
    }

    /// <summary>The front matter keys the form has an input for; problems with any other key concern the text.</summary>
    public static IReadOnlySet<string> Keys { get; } = Empty.ByKey().Select(f => f.Key).ToHashSet(StringComparer.Ordinal);

    internal static EditorFields From(FrontMatter front) => new(
        front.Title,
        front.Slug ?? "",
        string.Join(", ", front.Authors),
        front.Date is { } date ? NewsroomTime.ToLocal(date).ToString(DateFormat, CultureInfo.InvariantCulture) : "",
        string.Join(", ", front.Tags.Select(t => t.Display)),
        front.Summary ?? "",
        front.Ressort ?? "",
        front.Image?.Source ?? "",
        front.Image?.Alt ?? "",
        front.Image?.Caption ?? "",
        front.Image?.Credit ?? "");
}

/// <summary>What the browser form shows of an article: its fields, and the body as Markdown without front matter.</summary>
public sealed record EditorForm(EditorFields Fields, string Body)
{
    public static EditorForm Empty { get; } = new(EditorFields.Empty, "");

    /// <summary>A stored source taken apart for the form. Stored sources always parse; anything else shows as text.</summary>
    public static EditorForm FromSource(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        try
        {
            var source = FrontMatterReader.Read(ArticleDraft.SourceName, text);
            return new EditorForm(EditorFields.From(source.FrontMatter), source.Body.Trim('\n'));
        }
        catch (ArticleFormatException)
        {
            return new EditorForm(EditorFields.Empty, text);
        }
    }

    /// <summary>The corrections a stored source lists, oldest first; none when it does not parse.</summary>
    public static IReadOnlyList<ArticleCorrection> CorrectionsOf(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        try
        {
            return FrontMatterReader.Read(ArticleDraft.SourceName, markdown.Replace("\r\n", "\n", StringComparison.Ordinal)).FrontMatter.Corrections;
        }
        catch (ArticleFormatException)
        {
            return [];
        }
    }
}

/// <summary>What a save does to the article's visibility.</summary>
public enum PublishIntent
{
    /// <summary>Leave visibility as it is (preview, Ctrl+S); a new article stays a draft.</summary>
    Keep,

    /// <summary>Save as draft; also how an article is unpublished.</summary>
    Draft,

    /// <summary>Publish now, or at the date given if it lies ahead (scheduled).</summary>
    Publish,
}

/// <summary>
/// What the editor says about a save beyond the article's fields: whether the article was public when the form was
/// sent, whether the change is minor (no „Aktualisiert am“), and a public correction note. Only a published article
/// that stays published gets an update date or a correction (docs/decisions/0019-corrections.md).
/// </summary>
/// <param name="WasPublished">Public at the moment of saving: neither a draft, nor scheduled, nor in the trash.</param>
/// <param name="IsMinor">„Kleine Änderung“: a typo fixed; readers are not told.</param>
/// <param name="Correction">The correction note as typed; empty for none.</param>
public sealed record UpdateNotice(bool WasPublished, bool IsMinor = false, string Correction = "")
{
    public static UpdateNotice None { get; } = new(WasPublished: false);
}

/// <summary>
/// Turns the browser form (fields plus the body as Markdown) into the article's source, the format of files
/// (decision 0004): the stored front matter is kept line for line (comments, feed id, fields the form has no input
/// for), every field of the form is written into it, and the body replaces the stored one. The result is parsed by the
/// same <see cref="ArticleParser"/> as imports and measured by the same <see cref="ArticleFileLimit"/>, so whatever the
/// form saves can be exported and imported again.
/// </summary>
public sealed class ArticleDraft(ArticleParser parser, ArticleFileLimit limit)
{
    public const string SourceName = "Editor";

    /// <summary>The form's name for the body in problems (<see cref="ArticleProblem.Field"/> of the text).</summary>
    public const string BodyField = "body";

    /// <summary>The form's name for the correction note in problems.</summary>
    public const string CorrectionField = "correction";

    /// <summary>
    /// Lines that only ever stood in the editor as samples (the old "Neuer Artikel" text): a body made of nothing else
    /// is a placeholder, not an article, and is not published.
    /// </summary>
    private static readonly HashSet<string> PlaceholderLines = new(StringComparer.Ordinal)
    {
        "Der erste Absatz erscheint als Anreißer auf der Startseite.",
        "## Zwischenüberschrift",
        "Weiterer Text …",
        "Weiterer Text ...",
        "Text …",
        "Lorem ipsum",
    };

    /// <param name="storedMarkdown">The article's stored source; null for a new article.</param>
    /// <param name="storedPublishedAt">When the article first appeared, if it did; publishing without a date writes
    /// this date rather than "now", so that editing an old article does not make it new.</param>
    /// <param name="notice">Minor change and correction note; without it a save marks nothing as updated.</param>
    /// <returns>The source to save and what it parses to.</returns>
    /// <exception cref="ArticleFormatException">With German problems, each naming its front matter key,
    /// <see cref="BodyField"/> or <see cref="CorrectionField"/>; lines in the body are counted from the body's first line.</exception>
    /// <exception cref="ArticleTooLargeException">The article would be larger than the site's file limit.</exception>
    public (string Markdown, ArticleContent Content) Compose(
        string? storedMarkdown, EditorFields fields, string body, PublishIntent intent, DateTimeOffset now,
        DateTimeOffset? storedPublishedAt = null, UpdateNotice? notice = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(body);

        notice ??= UpdateNotice.None;
        body = Clean(body);
        var problems = new List<ArticleProblem>();
        var correction = CorrectionText.Normalize(notice.Correction);
        if (correction is not null && CorrectionText.Problem(notice.Correction) is { } refused)
        {
            problems.Add(new ArticleProblem(refused, Field: CorrectionField));
        }

        if (intent == PublishIntent.Publish && IsPlaceholder(body))
        {
            problems.Add(new ArticleProblem(
                body.Length == 0 ? "Der Text ist leer." : "Der Text besteht nur aus Platzhaltern.",
                Field: BodyField,
                Hint: "Bitte den Artikeltext schreiben; als Entwurf speichern geht auch ohne."));
        }

        // A field the editor left as it was keeps its stored line as written (quotes, list style, time zone), so that
        // the version list shows what was changed, not how the form writes YAML.
        var stored = storedMarkdown is null ? null : EditorForm.FromSource(storedMarkdown).Fields.ByKey().ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var changes = new List<KeyValuePair<string, string?>>();
        foreach (var (key, raw) in fields.ByKey())
        {
            var value = Clean(raw);
            if (stored is not null && stored.TryGetValue(key, out var unchanged) && Clean(unchanged) == value)
            {
                continue;
            }

            if (key == "author")
            {
                // Several names are co-authors: one authors: list instead of author:, never both (decision 0021).
                var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                changes.Add(new("author", names.Length == 1 ? YamlText.Quote(names[0]) : null));
                changes.Add(new(FrontMatterReader.AuthorsField, names.Length > 1 ? YamlText.List(names) : null));
                continue;
            }

            changes.Add(new(key, value.Length == 0 ? null : ToYaml(key, value, problems)));
        }

        var draft = intent switch
        {
            PublishIntent.Draft => true,
            PublishIntent.Publish => false,
            _ => storedMarkdown is null ? true : (bool?)null,
        };
        if (draft is { } isDraft)
        {
            changes.Add(new("draft", isDraft ? "true" : null));
        }

        var text = FrontMatterEditor.Apply(FrontMatterOf(storedMarkdown) + "\n" + body + "\n", changes);
        var content = Parse(text, problems);

        // A published article carries its date in its source, so that the source alone (an export, a restored
        // revision) says when it appeared.
        if (intent == PublishIntent.Publish && content.PublishedAt is null)
        {
            text = FrontMatterEditor.Apply(text, [new("date", YamlText.Instant(storedPublishedAt ?? TruncateToSecond(now)))]);
            content = Parse(text, problems);
        }

        // Without a date line (Strg+S on an article imported without date:) the store keeps its stored date.
        (text, content) = MarkUpdated(storedMarkdown, text, content, content.PublishedAt ?? storedPublishedAt, notice.WasPublished, notice.IsMinor, correction, now);
        limit.Check(SourceName, content);
        return (text, content);
    }

    /// <summary>
    /// An old version saved again as the newest (the version list's „wiederherstellen“): its source as it was, except
    /// that the article keeps its corrections and its update date, since readers have seen both, and a published article
    /// whose text changes back is marked updated like any other republish.
    /// </summary>
    /// <param name="wasPublished">The article is public now.</param>
    public (string Markdown, ArticleContent Content) Restore(string currentMarkdown, string oldMarkdown, bool wasPublished, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(currentMarkdown);
        ArgumentNullException.ThrowIfNull(oldMarkdown);
        var current = TryParse(currentMarkdown);
        var text = oldMarkdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (current is not null)
        {
            text = FrontMatterEditor.Apply(text,
            [
                new(FrontMatterReader.CorrectionsField, current.Corrections.Count == 0 ? null : YamlText.Corrections(current.Corrections)),
                new("updated", current.UpdatedAt is { } updated ? YamlText.Instant(updated) : null),
            ]);
        }

        var content = parser.Parse(SourceName, text);

        // An old source without date: keeps the stored date, which lies behind a published article.
        return MarkUpdated(currentMarkdown, text, content, content.PublishedAt ?? (wasPublished ? now : null), wasPublished, isMinor: false, correction: null, now);
    }

    /// <summary>
    /// The update date and the correction note written into the source: only when the article was public before this
    /// save and stays public after it (a draft or a scheduled article has no readers to tell). A correction always
    /// sets „Aktualisiert am“; otherwise a change readers can see (<see cref="ArticleFootprint.ContentDiffers"/>) does,
    /// unless the editor called it minor. Both get the same instant, to the second.
    /// </summary>
    /// <param name="publishedAt">When the article appears after this save.</param>
    private (string Text, ArticleContent Content) MarkUpdated(
        string? storedMarkdown, string text, ArticleContent content, DateTimeOffset? publishedAt, bool wasPublished, bool isMinor,
        string? correction, DateTimeOffset now)
    {
        var staysPublished = wasPublished && !content.IsDraft && publishedAt is { } published && published <= now;
        if (correction is not null && !staysPublished)
        {
            throw new ArticleFormatException(SourceName, [new ArticleProblem(
                "Eine Korrektur gehört zu einem veröffentlichten Artikel, der veröffentlicht bleibt. Bitte das Feld leeren " +
                "oder „Änderungen veröffentlichen“ wählen.", Field: CorrectionField)]);
        }

        if (!staysPublished)
        {
            return (text, content);
        }

        var changed = storedMarkdown is null || TryParse(storedMarkdown) is not { } stored || ArticleFootprint.ContentDiffers(stored, content);
        if (correction is null && (!changed || isMinor))
        {
            return (text, content);
        }

        var at = TruncateToSecond(now);
        var changes = new List<KeyValuePair<string, string?>> { new("updated", YamlText.Instant(at)) };
        if (correction is not null)
        {
            if (content.Corrections.Count >= CorrectionText.MaxPerArticle)
            {
                throw new ArticleFormatException(SourceName, [new ArticleProblem(
                    $"Der Artikel hat schon {content.Corrections.Count} Korrekturen, mehr sind nicht möglich.", Field: CorrectionField)]);
            }

            changes.Add(new(FrontMatterReader.CorrectionsField, YamlText.Corrections([.. content.Corrections, new ArticleCorrection(at, correction)])));
        }

        text = FrontMatterEditor.Apply(text, changes);
        return (text, Parse(text, []));
    }

    /// <summary>A stored source as it parses today, or null if it no longer does (then every save counts as a change).</summary>
    private ArticleContent? TryParse(string markdown)
    {
        try
        {
            return parser.Parse(SourceName, markdown);
        }
        catch (ArticleFormatException)
        {
            return null;
        }
    }

    /// <summary>Whether a body says nothing yet: empty, or only the sample lines of earlier versions.</summary>
    public static bool IsPlaceholder(string body) =>
        Clean(body).Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).All(PlaceholderLines.Contains);

    private ArticleContent Parse(string text, List<ArticleProblem> problems)
    {
        try
        {
            var content = parser.Parse(SourceName, text);
            if (problems.Count > 0)
            {
                throw new ArticleFormatException(SourceName, problems);
            }

            return content;
        }
        catch (ArticleFormatException e)
        {
            // The front matter's lines, then the blank line written before the body.
            var bodyStart = FrontMatterLineCount(text) + 2;
            throw new ArticleFormatException(SourceName, [.. problems, .. e.Problems.Where(p => !problems.Contains(p)).Select(p => InForm(p, bodyStart))]);
        }
    }

    /// <summary>A problem of the composed file as the form shows it: beside its field, or in the text at its own line.</summary>
    private static ArticleProblem InForm(ArticleProblem problem, int bodyStartLine)
    {
        // The form has one input for the byline, whether the file says author: or authors:.
        if (problem.Field == FrontMatterReader.AuthorsField)
        {
            problem = problem with { Field = "author" };
        }

        if (problem.Field is { } key && EditorFields.Keys.Contains(key))
        {
            return problem with { Line = null };
        }

        return problem with
        {
            Field = BodyField,
            Line = problem.Line is { } line && line >= bodyStartLine ? line - bodyStartLine + 1 : null,
        };
    }

    private static string? ToYaml(string key, string value, List<ArticleProblem> problems)
    {
        switch (key)
        {
            case "date":
                // Checked before it enters the source, where it is written unquoted: a line break in it would
                // already have become a line of YAML.
                try
                {
                    ArticleDates.Parse(SourceName, value, line: null, "date");
                    return value;
                }
                catch (ArticleFormatException e)
                {
                    problems.AddRange(e.Problems.Select(p => p with { Field = "date", Line = null }));
                    return null;
                }

            case "tags":
                return YamlText.List(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            default:
                return YamlText.Quote(value);
        }
    }

    /// <summary>The stored front matter block, "---" lines included, or an empty one.</summary>
    private static string FrontMatterOf(string? storedMarkdown)
    {
        if (storedMarkdown is null)
        {
            return "---\n---\n";
        }

        var text = storedMarkdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var closing = lines[0].TrimEnd() == "---" ? Array.FindIndex(lines, 1, line => line.TrimEnd() is "---" or "...") : -1;
        return closing < 0 ? "---\n---\n" : string.Join('\n', lines[..(closing + 1)]) + "\n";
    }

    private static int FrontMatterLineCount(string text)
    {
        var lines = text.Split('\n');
        var closing = Array.FindIndex(lines, 1, line => line.TrimEnd() is "---" or "...");
        return closing + 1;
    }

    private static string Clean(string? value) => (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static DateTimeOffset TruncateToSecond(DateTimeOffset instant) =>
        new(instant.Ticks - (instant.Ticks % TimeSpan.TicksPerSecond), instant.Offset);
}
