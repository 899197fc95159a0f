using System.Globalization;
using NewsSite.Core.Articles;
using NewsSite.Core.Export;

namespace NewsSite.Core.Editing;

/// <summary>The form fields next to the Markdown textarea, as text the way the browser sends them.</summary>
/// <param name="Date">Newsroom (Berlin) time as an input of type datetime-local sends it: 2025-03-14T09:30.</param>
/// <param name="Tags">Comma-separated.</param>
/// <param name="Ressort">The Ressort's name as the front matter has it; empty for none.</param>
public sealed record EditorFields(string Title, string Slug, string Author, string Date, string Tags, string Summary, string Ressort = "")
{
    public const string DateFormat = "yyyy-MM-dd'T'HH:mm";

    public static EditorFields Empty { get; } = new("", "", "", "", "", "");

    /// <summary>The fields as the front matter of <paramref name="markdown"/> has them; empty when it cannot be read.</summary>
    public static EditorFields From(string markdown)
    {
        try
        {
            var front = FrontMatterReader.Read("Editor", markdown.Replace("\r\n", "\n", StringComparison.Ordinal)).FrontMatter;
            return new EditorFields(
                front.Title,
                front.Slug ?? "",
                front.Author ?? "",
                front.Date is { } date ? NewsroomTime.ToLocal(date).ToString(DateFormat, CultureInfo.InvariantCulture) : "",
                string.Join(", ", front.Tags.Select(t => t.Display)),
                front.Summary ?? "",
                front.Ressort ?? "");
        }
        catch (ArticleFormatException)
        {
            return Empty;
        }
    }
}

/// <summary>What a save does to the article's visibility.</summary>
public enum PublishIntent
{
    /// <summary>Leave the draft flag as the source has it (preview, plain save).</summary>
    Keep,

    /// <summary>Save as draft; also how an article is unpublished.</summary>
    Draft,

    /// <summary>Publish now, or at the date given if it lies ahead (scheduled).</summary>
    Publish,
}

/// <summary>
/// Turns an editor's form (the Markdown source with its front matter, plus the separate fields) into the source
/// that is saved. Both the textarea and the fields can change a value: a field counts only when the editor changed
/// it in the form (it differs from the value the form was opened with), so an edit made in the textarea is never
/// overwritten by the stale copy in a field. The result is parsed by the same <see cref="ArticleParser"/> as imports
/// and measured by the same <see cref="ArticleFileLimit"/>, so that whatever the form saves can be exported and
/// imported again.
/// </summary>
public sealed class ArticleDraft(ArticleParser parser, ArticleFileLimit limit)
{
    public const string SourceName = "Editor";

    /// <param name="storedPublishedAt">When the article first appeared, if it did; publishing a source without a date
    /// writes this date rather than "now", so that editing an old article does not make it new.</param>
    /// <returns>The source to save and what it parses to.</returns>
    /// <exception cref="ArticleFormatException">With a German message naming line and field.</exception>
    /// <exception cref="ArticleTooLargeException">The article would be larger than the site's file limit.</exception>
    public (string Markdown, ArticleContent Content) Compose(
        string markdown, EditorFields posted, EditorFields original, PublishIntent intent, DateTimeOffset now,
        DateTimeOffset? storedPublishedAt = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(posted);
        ArgumentNullException.ThrowIfNull(original);

        var changes = new List<KeyValuePair<string, string?>>();
        void Changed(string field, string postedValue, string originalValue, Func<string, string?> toYaml)
        {
            if (Clean(postedValue) != Clean(originalValue))
            {
                changes.Add(new(field, Clean(postedValue).Length == 0 ? null : toYaml(Clean(postedValue))));
            }
        }

        Changed("title", posted.Title, original.Title, YamlText.Quote);
        Changed("slug", posted.Slug, original.Slug, YamlText.Quote);
        Changed("author", posted.Author, original.Author, YamlText.Quote);
        Changed("date", posted.Date, original.Date, value =>
        {
            // Checked before it enters the source, where it is written unquoted: the reader would check it too, but
            // a line break in it would already have become a line of YAML.
            ArticleDates.Parse(SourceName, value, line: null, "date");
            return value;
        });
        Changed("tags", posted.Tags, original.Tags, value => YamlText.List(
            value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
        Changed("summary", posted.Summary, original.Summary, YamlText.Quote);
        Changed("ressort", posted.Ressort, original.Ressort, YamlText.Quote);

        if (intent == PublishIntent.Draft)
        {
            changes.Add(new("draft", "true"));
        }
        else if (intent == PublishIntent.Publish)
        {
            changes.Add(new("draft", null));
        }

        var text = FrontMatterEditor.Apply(markdown, changes);
        var content = parser.Parse(SourceName, text);

        // A published article carries its date in its source, so that the source alone (an export, a restored
        // revision) says when it appeared.
        if (intent == PublishIntent.Publish && content.PublishedAt is null)
        {
            text = FrontMatterEditor.Apply(text, [new("date", YamlText.Instant(storedPublishedAt ?? TruncateToSecond(now)))]);
            content = parser.Parse(SourceName, text);
        }

        limit.Check(SourceName, content);
        return (text, content);
    }

    private static string Clean(string? value) => (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    private static DateTimeOffset TruncateToSecond(DateTimeOffset instant) =>
        new(instant.Ticks - (instant.Ticks % TimeSpan.TicksPerSecond), instant.Offset);
}
